import { and, eq } from "drizzle-orm";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";

/** The customer does not want the missed call rung again (SPEC 15): the countdown stops. */
export async function cancelCallRetry(ctx: AppContext, input: { sessionId: string; userId: string }) {
  const [row] = await ctx.db
    .update(consultationSessions)
    .set({ retryState: "cancelled" })
    .where(
      and(
        eq(consultationSessions.id, input.sessionId),
        eq(consultationSessions.customerId, input.userId),
        eq(consultationSessions.retryState, "pending"),
      ),
    )
    .returning({ id: consultationSessions.id, orderId: consultationSessions.orderId });
  if (!row) {
    const [existing] = await ctx.db
      .select({ customerId: consultationSessions.customerId, providerId: consultationSessions.providerId, retryState: consultationSessions.retryState })
      .from(consultationSessions)
      .where(eq(consultationSessions.id, input.sessionId));
    if (!existing || (existing.customerId !== input.userId && existing.providerId !== input.userId)) throw new AppError("not_found", "There is no such call.");
    if (existing.customerId !== input.userId) throw new AppError("forbidden", "Only the customer can cancel the retry.");
    throw new AppError("invalid_state", "No retry of this call is waiting.", { details: { retryState: existing.retryState } });
  }
  return { sessionId: row.id, orderId: row.orderId, retryState: "cancelled" as const };
}
