import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { consultationSessions } from "../../../db/schema.ts";
import { blockDueAt, blocksOwedWhileLive } from "./billing-rules.ts";
import { chargeOwedBlocks, meteredOf, type MeteringConfig } from "./charge-owed-blocks.ts";
import { closeSession } from "./finish-session.ts";
import type { SessionRow } from "./session-view.ts";
import { drawSessionMinutes } from "../packages/draw-session-minutes.ts";
import { blockMeteredOf, blockSettingsOf, minuteDueAt } from "../packages/package-metering.ts";

export type Advance = { row: SessionRow; charged: number; cutOff: boolean };

/**
 * Charges every block a live session owes at `now`, inside the caller's transaction, with
 * the session row locked so one process at a time advances it (another process's loop
 * skips a locked row rather than waiting). A block the customer cannot pay ends the session
 * at that block's boundary with reason insufficient_funds (SPEC 5).
 *
 * A block is charged only once the service is evidenced past its boundary (SPEC 19): the SFU
 * saw the provider's media reach the customer after it (video), or both parties' pages were
 * heard after it (text). Noticing late that a party vanished then never leaves a block charged
 * for the dead air in between, whatever ends the session and however late.
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
  // A paused clock owes nothing new; its boundaries are set again when it resumes.
  if (row.pausedAt) return { row, charged: 0, cutOff: false };

  const evidence = evidencedUntil(row)?.getTime() ?? metered.clockStartedAt.getTime();
  const upTo = new Date(Math.min(now.getTime(), evidence));
  // SPEC 18: a session on a minute package draws minutes first; blocks start when it runs out.
  const minutes = await drawSessionMinutes(tx, config, row, metered, upTo);
  const blocks = blockMeteredOf(minutes.row, metered);
  const billing = blockSettingsOf(minutes.row, config.billing);
  const payable = blocks ? Math.max(row.blocksCharged, blocksOwedWhileLive(blocks, upTo, billing)) : row.blocksCharged;
  const result = blocks
    ? await chargeOwedBlocks(tx, { ...config, billing }, minutes.row, blocks, payable)
    : { blocksCharged: row.blocksCharged, charged: 0, unpaidFrom: null };
  const charged = result.charged + minutes.drawn + minutes.packagesEnded;
  if (result.unpaidFrom) {
    const ended = await closeSession(
      tx,
      config,
      { ...minutes.row, blocksCharged: result.blocksCharged },
      { ending: { endedAt: result.unpaidFrom, endedBy: "system" }, reason: "insufficient_funds" },
    );
    return { row: ended.row, charged: charged + ended.charged, cutOff: true };
  }
  const nextChargeAt = blocks ? blockDueAt(blocks, result.blocksCharged, billing) : minuteDueAt(metered, minutes.row.minutesDrawn, config.billing);
  const [updated] = await tx
    .update(consultationSessions)
    .set({ blocksCharged: result.blocksCharged, nextChargeAt })
    .where(eq(consultationSessions.id, sessionId))
    .returning()
    .prepare("advance_session_next")
    .execute();
  if (!updated) throw new Error("locked session vanished");
  return { row: updated, charged, cutOff: false };
}

/**
 * The last instant the service is known to have been delivered: for video, when the SFU last
 * saw the provider's media reach the customer; for text, when both pages were last heard.
 */
export function evidencedUntil(row: SessionRow): Date | null {
  return row.medium === "video" ? row.mediaSeenAt : lastHeardTogether(row);
}

/** When both parties were last heard from the session page; null before both were. */
export function lastHeardTogether(row: SessionRow): Date | null {
  if (!row.customerSeenAt || !row.providerSeenAt) return null;
  return new Date(Math.min(row.customerSeenAt.getTime(), row.providerSeenAt.getTime()));
}
