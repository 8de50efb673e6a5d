import { and, eq, isNotNull } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { blockDueAt } from "./billing-rules.ts";
import { meteredOf, type MeteringConfig } from "./charge-owed-blocks.ts";
import { publishSessionChange } from "./publish-session-change.ts";
import type { SessionRow } from "./session-view.ts";

/**
 * Resumes the paused clock of the locked live `row` at `at`: the paused time is added to the
 * total by which every later block boundary moves (kept in the row, so a restarted or another
 * process meters on from exactly there).
 */
export async function resumeClockLocked(tx: Transaction, config: MeteringConfig, row: SessionRow, at: Date) {
  const metered = meteredOf(row);
  if (!metered || !row.pausedAt) return { row, charged: 0 };
  const resumedAt = Math.max(at.getTime(), row.pausedAt.getTime());
  const pausedTotalMs = row.pausedTotalMs + (resumedAt - row.pausedAt.getTime());
  const running = { ...metered, pausedAt: null, pausedTotalMs };
  const mediaSeenAt = row.medium === "video" ? new Date(Math.max(resumedAt, row.mediaSeenAt?.getTime() ?? 0)) : row.mediaSeenAt;
  const [updated] = await tx
    .update(consultationSessions)
    .set({ pausedAt: null, pausedTotalMs, mediaSeenAt, nextChargeAt: blockDueAt(running, row.blocksCharged, config.billing) })
    .where(and(eq(consultationSessions.id, row.id), eq(consultationSessions.status, "live")))
    .returning();
  if (!updated) throw new Error("locked session vanished");
  return { row: updated, charged: 0 };
}

/** The provider's media reaches the customer again: the clock runs on from `at`. */
export async function resumeSessionClock(ctx: AppContext, input: { sessionId: string; at: Date }) {
  const change = await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .select()
      .from(consultationSessions)
      .where(and(eq(consultationSessions.id, input.sessionId), eq(consultationSessions.status, "live"), isNotNull(consultationSessions.pausedAt)))
      .for("update");
    return row ? resumeClockLocked(tx, ctx.config, row, input.at) : null;
  });
  if (change) await publishSessionChange(ctx, change);
  return change?.row ?? null;
}
