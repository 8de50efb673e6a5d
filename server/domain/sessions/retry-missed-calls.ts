import { and, eq, gt, lte } from "drizzle-orm";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { startCall } from "./start-call.ts";

/**
 * SPEC 15 "Retry": each missed call whose retry is due rings the provider once more, on the
 * customer's behalf. The guarded update takes each retry once, whichever process gets there;
 * a retry the provider cannot take now (away, busy, order closed) is not tried again.
 */
export async function retryMissedCalls(ctx: AppContext) {
  const due = await ctx.db
    .update(consultationSessions)
    .set({ retryState: "done" })
    .where(and(eq(consultationSessions.retryState, "pending"), lte(consultationSessions.retryAt, ctx.now())))
    .returning();
  let rang = 0;
  for (const missed of due) {
    // The customer called again meanwhile: that call replaced the retry.
    const [newer] = await ctx.db
      .select({ id: consultationSessions.id })
      .from(consultationSessions)
      .where(and(eq(consultationSessions.orderId, missed.orderId), gt(consultationSessions.createdAt, missed.createdAt)))
      .limit(1);
    if (newer) continue;
    try {
      const session = await startCall(ctx, { orderId: missed.orderId, userId: missed.customerId, retryOfId: missed.id });
      ctx.live.toUser(missed.customerId, "call:retried", { sessionId: missed.id, orderId: missed.orderId, retrySessionId: session.id, ringExpiresAt: session.ringExpiresAt });
      rang += 1;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.live.toUser(missed.customerId, "call:retried", { sessionId: missed.id, orderId: missed.orderId, failed: error.code });
    }
  }
  return { retried: rang, due: due.length };
}
