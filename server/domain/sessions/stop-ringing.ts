import { and, eq, gt } from "drizzle-orm";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { explainRingingRefusal } from "./explain-ringing-refusal.ts";
import { toSessionView, type SessionRole } from "./session-view.ts";

/**
 * Ends a call that still rings: the provider declines it, or the customer cancels it.
 * A guarded update, so an answer that won the race stays answered.
 */
export async function stopRinging(
  ctx: AppContext,
  input: { sessionId: string; userId: string; by: SessionRole },
) {
  const now = ctx.now();
  const party = input.by === "provider" ? consultationSessions.providerId : consultationSessions.customerId;
  const status = input.by === "provider" ? "declined" : "cancelled";
  const [row] = await ctx.db
    .update(consultationSessions)
    .set({ status, endedAt: now })
    .where(
      and(
        eq(consultationSessions.id, input.sessionId),
        eq(party, input.userId),
        eq(consultationSessions.status, "ringing"),
        gt(consultationSessions.ringExpiresAt, now),
      ),
    )
    .returning();
  if (!row) throw await explainRingingRefusal(ctx, input.sessionId, input.userId, input.by);
  const payload = { sessionId: row.id, orderId: row.orderId, status } as const;
  ctx.live.toUser(row.customerId, "call:ended", payload);
  ctx.live.toUser(row.providerId, "call:ended", payload);
  return toSessionView(row, ctx.config);
}
