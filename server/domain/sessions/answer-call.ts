import { and, eq, gt } from "drizzle-orm";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { sqlStateOf } from "../../../db/with-transaction.ts";
import { announceLiveStatus } from "../presence/announce-live-status.ts";
import { explainRingingRefusal } from "./explain-ringing-refusal.ts";
import { announceSession, toSessionView } from "./session-view.ts";

/**
 * "Answer" (SPEC 5): the ringing call becomes a live session and both parties go to the
 * session page. The clock does not start here: video starts it with the first media the
 * customer receives, text with the customer's second message.
 */
export async function answerCall(ctx: AppContext, input: { sessionId: string; userId: string }) {
  const now = ctx.now();
  let row;
  try {
    [row] = await ctx.db
      .update(consultationSessions)
      .set({ status: "live", answeredAt: now, customerSeenAt: now, providerSeenAt: now })
      .where(
        and(
          eq(consultationSessions.id, input.sessionId),
          eq(consultationSessions.providerId, input.userId),
          eq(consultationSessions.status, "ringing"),
          gt(consultationSessions.ringExpiresAt, now),
        ),
      )
      .returning();
  } catch (error) {
    if (sqlStateOf(error) === "23505") throw new AppError("conflict", "You are already in a session; end it before answering another call.");
    throw error;
  }
  if (!row) throw await explainRingingRefusal(ctx, input.sessionId, input.userId, "provider");

  ctx.live.toUser(row.customerId, "call:answered", { sessionId: row.id, orderId: row.orderId, medium: row.medium });
  ctx.live.toUser(row.providerId, "call:answered", { sessionId: row.id, orderId: row.orderId, medium: row.medium });
  announceSession(ctx, row);
  // The update above made this session live: the provider is busy, no need to read it back.
  await announceLiveStatus(ctx, row.providerId, { inSession: true });
  return toSessionView(row, ctx.config);
}
