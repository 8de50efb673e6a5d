import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { consultationSessions, type SessionEndReason } from "../../../db/schema.ts";
import { settleAtEnd, type SessionEnding } from "./billing-rules.ts";
import { chargeOwedBlocks, meteredOf, type MeteringConfig } from "./charge-owed-blocks.ts";
import type { SessionRow } from "./session-view.ts";

/**
 * Ends a live session at `endedAt` and settles it inside the caller's transaction: void
 * (nothing charged, the hold stays) or every block owed up to the end charged. Blocks the
 * loop has not charged yet (it lags, or the process was down) are charged here, never twice.
 * Returns null when the session is no longer live: someone else ended it first.
 */
export async function finishSession(
  tx: Transaction,
  config: MeteringConfig,
  input: { sessionId: string; ending: SessionEnding; reason: SessionEndReason },
): Promise<{ row: SessionRow; charged: number } | null> {
  const [row] = await tx
    .select()
    .from(consultationSessions)
    .where(and(eq(consultationSessions.id, input.sessionId), eq(consultationSessions.status, "live")))
    .for("update");
  if (!row) return null;
  const metered = meteredOf(row);
    const settlement = settleAtEnd(metered, input.ending, config.billing);
  // Block 0 of a first session is charged only after the void window, so a charged
  // session can no longer be void; the check keeps that true even with skewed clocks.
  const isVoid = settlement.void && row.blocksCharged === 0;
  const charged = metered ? await chargeOwedBlocks(tx, config, row, metered, settlement.blocksOwed) : null;
  const [updated] = await tx
    .update(consultationSessions)
    .set({
      status: "ended",
      endedAt: input.ending.endedAt,
      endReason: charged?.unpaidFrom ? "insufficient_funds" : input.reason,
      void: isVoid,
      blocksCharged: charged?.blocksCharged ?? row.blocksCharged,
      nextChargeAt: null,
    })
    .where(eq(consultationSessions.id, input.sessionId))
    .returning();
  if (!updated) throw new Error("locked session vanished");
  return { row: updated, charged: charged?.charged ?? 0 };
}
