import { and, eq, isNotNull, sql } from "drizzle-orm";
import { consultationSessions, sessionBlockQuality } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { clockMsAt } from "./billing-rules.ts";
import { meteredOf } from "./charge-owed-blocks.ts";
import { blockMeteredOf } from "../packages/package-metering.ts";

/**
 * Adds the SFU's figure for about the last second (`observedMs` of clock-running time ending at
 * `at`, `impairedMs` of it frozen or lossy) to the block of the session's clock that second fell
 * in (SPEC 19, quality credit). Only impaired time is stored; the credit is decided at the end.
 */
export async function recordMediaQuality(ctx: AppContext, input: { sessionId: string; at: Date; observedMs: number; impairedMs: number }) {
  if (!(input.impairedMs > 0)) return;
  const [row] = await ctx.db
    .select()
    .from(consultationSessions)
    .where(and(eq(consultationSessions.id, input.sessionId), eq(consultationSessions.status, "live"), isNotNull(consultationSessions.clockStartedAt)));
  // Indexed as the blocks are charged: a session on a minute package counts its blocks from
  // where the package ran out, and time paid by drawn minutes is not recorded (never credited).
  if (!row) return;
  const metered = blockMeteredOf(row, meteredOf(row));
  if (!metered) return;
  // The report's middle instant, so a second that straddles a boundary goes to the block holding most of it.
  const clockMs = clockMsAt(metered, input.at) - input.observedMs / 2;
  if (row.packagePurchaseId !== null && clockMs < 0) return;
  const blockIndex = Math.max(0, Math.floor(clockMs / (ctx.config.billing.blockSeconds * 1000)));
  const impairedMs = Math.round(input.impairedMs);
  await ctx.db
    .insert(sessionBlockQuality)
    .values({ sessionId: input.sessionId, blockIndex, impairedMs })
    .onConflictDoUpdate({
      target: [sessionBlockQuality.sessionId, sessionBlockQuality.blockIndex],
      set: { impairedMs: sql`${sessionBlockQuality.impairedMs} + ${impairedMs}` },
    });
}
