import { and, eq, isNotNull } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { blockMeteredOf, blockSettingsOf } from "../packages/package-metering.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { blocksOwedWhileLive } from "./billing-rules.ts";
import { chargeOwedBlocks, meteredOf, type MeteringConfig } from "./charge-owed-blocks.ts";
import { publishSessionChange } from "./publish-session-change.ts";
import type { SessionRow } from "./session-view.ts";

/**
 * Pauses the clock of the locked live `row` at `at` (SPEC 19: dead air is not billed).
 * `at` is when the service was last evidenced, which may be before the pause was noticed: a
 * block whose boundary fell after it was charged for dead air and is given back here, in the
 * same transaction. A pause reported for an earlier instant than the current one moves it back.
 */
export async function pauseClockLocked(tx: Transaction, config: MeteringConfig, row: SessionRow, at: Date) {
  const metered = meteredOf(row);
  if (!metered) return { row, charged: 0 };
  const pausedAt = new Date(Math.max(at.getTime(), metered.clockStartedAt.getTime()));
  if (row.pausedAt && row.pausedAt.getTime() <= pausedAt.getTime()) return { row, charged: 0 };
  // SPEC 18: on a minute package, blocks (if any) count from where the package ran out.
  const blocks = blockMeteredOf(row, metered);
  const billing = blockSettingsOf(row, config.billing);
  const paused = blocks && { ...blocks, pausedAt };
  const owed = paused ? blocksOwedWhileLive(paused, pausedAt, billing) : row.blocksCharged;
  const settled = paused && owed < row.blocksCharged ? await chargeOwedBlocks(tx, { ...config, billing }, row, paused, owed) : null;
  const [updated] = await tx
    .update(consultationSessions)
    .set({
      pausedAt,
      nextChargeAt: null,
      blocksCharged: settled?.blocksCharged ?? row.blocksCharged,
      blocksRefunded: settled?.blocksRefunded ?? row.blocksRefunded,
    })
    .where(and(eq(consultationSessions.id, row.id), eq(consultationSessions.status, "live")))
    .returning();
  if (!updated) throw new Error("locked session vanished");
  return { row: updated, charged: settled?.charged ?? 0 };
}

/**
 * The SFU saw the provider's media stop reaching the customer: the clock pauses from `at`, or
 * from the instant `at` picks from the locked row.
 */
export async function pauseSessionClock(ctx: AppContext, input: { sessionId: string; at: Date | ((row: SessionRow) => Date | null) }) {
  const change = await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .select()
      .from(consultationSessions)
      .where(and(eq(consultationSessions.id, input.sessionId), eq(consultationSessions.status, "live"), isNotNull(consultationSessions.clockStartedAt)))
      .for("update");
    const at = row && (typeof input.at === "function" ? input.at(row) : input.at);
    if (!row || !at) return null;
    const result = await pauseClockLocked(tx, ctx.config, row, at);
    return result.row === row ? null : result;
  });
  if (change) await publishSessionChange(ctx, change);
  return change?.row ?? null;
}
