import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { consultationSessions, type SessionEndReason } from "../../../db/schema.ts";
import { AppError } from "../../errors.ts";
import { settleAtEnd, type SessionEnding } from "./billing-rules.ts";
import { chargeOwedBlocks, meteredOf, type MeteringConfig } from "./charge-owed-blocks.ts";
import { creditPoorBlocks } from "./credit-poor-blocks.ts";
import type { SessionRow } from "./session-view.ts";
import { completeAppointment } from "../appointments/complete-appointment.ts";
import type { AppointmentRow } from "../appointments/appointment-view.ts";
import { drawSessionMinutes } from "../packages/draw-session-minutes.ts";
import { blockMeteredOf, blockSettingsOf } from "../packages/package-metering.ts";

/**
 * Ends a live session at `endedAt` and settles it inside the caller's transaction: void
 * (nothing charged, the hold stays) or every block owed up to the end charged. Blocks the
 * loop has not charged yet (it lags, or the process was down) are charged here, never twice.
 * Returns null when the session is no longer live: someone else ended it first.
 */
export async function finishSession(
  tx: Transaction,
  config: MeteringConfig,
  input: { sessionId: string; ending: SessionEnding; reason: SessionEndReason } | { sessionId: string; endedAt: Date; byParty: string },
): Promise<{ row: SessionRow; charged: number; completedAppointment?: AppointmentRow | null } | null> {
  const [row] = await tx
    .select()
    .from(consultationSessions)
    .where(and(eq(consultationSessions.id, input.sessionId), eq(consultationSessions.status, "live")))
    .for("update");
  if (!row) return null;
  const { ending, reason } = "byParty" in input ? endingBy(row, input.byParty, input.endedAt) : input;
  return closeSession(tx, config, row, { ending, reason });
}

/**
 * Ends the locked live `row` and settles it: exactly the blocks owed for the clock time up to
 * the recorded end are kept. Blocks charged beyond that (their boundary fell after the end,
 * or the session was short, SPEC 18/19) are given back in this same transaction, and blocks the
 * SFU measured as poor are credited to the customer.
 */
export async function closeSession(
  tx: Transaction,
  config: MeteringConfig,
  lockedRow: SessionRow,
  input: { ending: SessionEnding; reason: SessionEndReason },
): Promise<{ row: SessionRow; charged: number; completedAppointment?: AppointmentRow | null }> {
  const { ending, reason } = input;
  // The end of a session cannot precede its start.
  const endedAt = lockedRow.clockStartedAt && ending.endedAt < lockedRow.clockStartedAt ? lockedRow.clockStartedAt : ending.endedAt;
  const clock = meteredOf(lockedRow);
  // SPEC 18: the minutes a package session owes up to its end are drawn first.
  const minutes = clock ? await drawSessionMinutes(tx, config, lockedRow, clock, endedAt) : null;
  const row = minutes?.row ?? lockedRow;
  const metered = blockMeteredOf(row, clock);
  const billing = blockSettingsOf(row, config.billing);
  const settlement = settleAtEnd(metered, { ...ending, endedAt }, billing);
  // Block 0 of a first session is charged only after the void window, so a charged
  // session can no longer be void; the check keeps that true even with skewed clocks.
  const isVoid = settlement.void && row.blocksCharged === 0;
  const owed = isVoid ? 0 : settlement.blocksOwed;
  const settled = metered ? await chargeOwedBlocks(tx, { ...config, billing }, row, metered, owed) : null;
  const [updated] = await tx
    .update(consultationSessions)
    .set({
      status: "ended",
      endedAt: settled?.unpaidFrom ?? endedAt,
      endReason: settled?.unpaidFrom ? "insufficient_funds" : reason,
      void: isVoid,
      blocksCharged: settled?.blocksCharged ?? row.blocksCharged,
      blocksRefunded: settled?.blocksRefunded ?? row.blocksRefunded,
      nextChargeAt: null,
    })
    .where(and(eq(consultationSessions.id, row.id), eq(consultationSessions.status, "live")))
    .returning();
  if (!updated) throw new Error("locked session vanished");
  const charged = (settled?.charged ?? 0) + (minutes ? minutes.drawn + minutes.packagesEnded : 0);
  // SPEC 19: only blocks charged from the balance or the hold are credited, never drawn minutes;
  // they are credited before the appointment's end releases what is left of its hold (a credit
  // never touches the hold, docs/decisions.md).
  const credited = await creditPoorBlocks(tx, config, updated);
  let ended = updated;
  if (credited > 0) {
    const [withCredits] = await tx
      .update(consultationSessions)
      .set({ blocksCredited: updated.blocksCredited + credited })
      .where(eq(consultationSessions.id, row.id))
      .returning();
    ended = withCredits!;
  }
  // SPEC 16: the end of an appointment's session completes the appointment and releases its hold.
  const completed = ended.appointmentId ? await completeAppointment(tx, config, ended.appointmentId, ended.endedAt ?? endedAt, ended.id) : null;
  return { row: ended, charged: charged + credited + (completed ? 1 : 0), completedAppointment: completed };
}

/**
 * A party ending the session: checked on the locked row itself, which saves the separate
 * read a party check before the transaction would cost; anyone else gets the same 404 as
 * for a session that does not exist.
 */
function endingBy(row: SessionRow, userId: string, endedAt: Date): { ending: SessionEnding; reason: SessionEndReason } {
  const role = row.customerId === userId ? "customer" : row.providerId === userId ? "provider" : null;
  if (!role) throw new AppError("not_found", "There is no such session.");
  return { ending: { endedAt, endedBy: role }, reason: role === "customer" ? "customer_ended" : "provider_ended" };
}
