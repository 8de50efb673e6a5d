import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { consultationSessions } from "../../../db/schema.ts";
import { blockDueAt, blocksOwedWhileLive } from "./billing-rules.ts";
import { chargeOwedBlocks, meteredOf, type MeteringConfig } from "./charge-owed-blocks.ts";
import type { SessionRow } from "./session-view.ts";

export type Advance = { row: SessionRow; charged: number; cutOff: boolean };

/**
 * Charges every block a live session owes at `now`, inside the caller's transaction, with
 * the session row locked so one process at a time advances it (another process's loop
 * skips a locked row rather than waiting). A block the customer cannot pay ends the session
 * at that block's boundary with reason insufficient_funds (SPEC 5).
 */
export async function advanceSession(
  tx: Transaction,
  config: MeteringConfig,
  sessionId: string,
  now: Date,
  options: { skipLocked?: boolean } = {},
): Promise<Advance | null> {
  const [row] = await tx
    .select()
    .from(consultationSessions)
    .where(and(eq(consultationSessions.id, sessionId), eq(consultationSessions.status, "live")))
    .for("update", options.skipLocked ? { skipLocked: true } : {})
    // Prepared, as the update below: the metering loop runs both for every block of every session.
    .prepare(options.skipLocked ? "advance_session_lock_or_skip" : "advance_session_lock")
    .execute();
  const metered = row && meteredOf(row);
  if (!row || !metered) return null;

  // A block that begins after a party has been silent past the timeout is not charged:
  // the parties are gone, and the session ends when they were last heard together.
  const lastTogether = lastHeardTogether(row);
  const partyTimeoutMs = config.billing.partyTimeoutSeconds * 1000;
  let payable = blocksOwedWhileLive(metered, now, config.billing);
  let goneAt: Date | null = null;
  for (let index = Math.max(row.blocksCharged, 1); index < payable; index += 1) {
    if (lastTogether && lastTogether.getTime() < blockDueAt(metered, index, config.billing).getTime() - partyTimeoutMs) {
      payable = index;
      goneAt = new Date(Math.max(lastTogether.getTime(), metered.clockStartedAt.getTime()));
      break;
    }
  }
  const result = await chargeOwedBlocks(tx, config, row, metered, payable);
  const next = blockDueAt(metered, result.blocksCharged, config.billing);
  const [updated] = await tx
    .update(consultationSessions)
    .set(
      result.unpaidFrom
        ? { blocksCharged: result.blocksCharged, nextChargeAt: null, status: "ended", endedAt: result.unpaidFrom, endReason: "insufficient_funds" }
        : goneAt
          ? { blocksCharged: result.blocksCharged, nextChargeAt: null, status: "ended", endedAt: goneAt, endReason: "parties_gone" }
          : { blocksCharged: result.blocksCharged, nextChargeAt: next },
    )
    .where(eq(consultationSessions.id, sessionId))
    .returning()
    .prepare(result.unpaidFrom || goneAt ? "advance_session_end" : "advance_session_next")
    .execute();
  if (!updated) throw new Error("locked session vanished");
  return { row: updated, charged: result.charged, cutOff: result.unpaidFrom !== null || goneAt !== null };
}

/** When both parties were last heard from the session page; null before both were. */
export function lastHeardTogether(row: SessionRow): Date | null {
  if (!row.customerSeenAt || !row.providerSeenAt) return null;
  return new Date(Math.min(row.customerSeenAt.getTime(), row.providerSeenAt.getTime()));
}
