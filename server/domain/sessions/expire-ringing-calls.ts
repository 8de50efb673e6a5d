import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { consultationSessions, orders, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { notifyUsers } from "../notifications/notify-users.ts";

/**
 * Calls nobody answered within CALL_RING_SECONDS become missed (SPEC 5): recorded, both
 * parties told, and the provider e-mailed. The guarded update makes every call missed once,
 * whichever process's loop gets there first.
 */
export async function expireRingingCalls(ctx: AppContext) {
  const missed = await ctx.db
    .update(consultationSessions)
    // SPEC 15: a missed call rings again once after CALL_RETRY_SECONDS; a retry is not retried.
    .set({
      status: "missed",
      endedAt: ctx.now(),
      retryAt: sql`case when ${consultationSessions.retryOfId} is null then ${new Date(ctx.now().getTime() + ctx.config.queue.callRetrySeconds * 1000)}::timestamptz end`,
      retryState: sql`case when ${consultationSessions.retryOfId} is null then 'pending' end`,
    })
    .where(and(eq(consultationSessions.status, "ringing"), lte(consultationSessions.ringExpiresAt, ctx.now())))
    .returning();
  if (missed.length === 0) return { missed: 0 };
  const [titles, customers] = await Promise.all([
    ctx.db.select({ id: orders.id, title: orders.title }).from(orders).where(inArray(orders.id, missed.map((row) => row.orderId))),
    ctx.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, missed.map((row) => row.customerId))),
  ]);
  for (const row of missed) {
    const payload = { sessionId: row.id, orderId: row.orderId, status: "missed", ...(row.retryAt ? { retryAt: row.retryAt.toISOString() } : {}) } as const;
    ctx.live.toUser(row.customerId, "call:ended", payload);
    ctx.live.toUser(row.providerId, "call:ended", payload);
    await notifyUsers(ctx, [row.providerId], {
      kind: "call_missed",
      orderId: row.orderId,
      title: titles.find((order) => order.id === row.orderId)?.title ?? {},
      customerName: customers.find((customer) => customer.id === row.customerId)?.name ?? "",
    });
  }
  return { missed: missed.length };
}
