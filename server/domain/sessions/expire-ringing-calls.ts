import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { consultationSessions, orders, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";

/**
 * Calls nobody answered within CALL_RING_SECONDS become missed (SPEC 5): recorded, both
 * parties told, and the provider e-mailed. The guarded update makes every call missed once,
 * whichever process's loop gets there first.
 */
export async function expireRingingCalls(ctx: AppContext) {
  const { missed, notes } = await withTransaction(ctx.db, async (tx) => {
    const rows = await tx
      .update(consultationSessions)
      // SPEC 15: a missed call rings again once after CALL_RETRY_SECONDS; a retry is not retried.
      // Nor is an appointment's call: the customer calls again in its window, and a plain
      // retry would be paid from the balance instead of the appointment's hold.
      .set({
        status: "missed",
        endedAt: ctx.now(),
        retryAt: sql`case when ${consultationSessions.retryOfId} is null and ${consultationSessions.appointmentId} is null then ${new Date(ctx.now().getTime() + ctx.config.queue.callRetrySeconds * 1000)}::timestamptz end`,
        retryState: sql`case when ${consultationSessions.retryOfId} is null and ${consultationSessions.appointmentId} is null then 'pending' end`,
      })
      .where(and(eq(consultationSessions.status, "ringing"), lte(consultationSessions.ringExpiresAt, ctx.now())))
      .returning();
    if (rows.length === 0) return { missed: rows, notes: [] };
    const [titles, customers] = await Promise.all([
      tx.select({ id: orders.id, title: orders.title }).from(orders).where(inArray(orders.id, rows.map((row) => row.orderId))),
      tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, rows.map((row) => row.customerId))),
    ]);
    const stored = [];
    for (const row of rows) {
      const event = {
        kind: "call_missed",
        orderId: row.orderId,
        title: titles.find((order) => order.id === row.orderId)?.title ?? {},
        customerName: customers.find((customer) => customer.id === row.customerId)?.name ?? "",
      } as const;
      stored.push(await storeNotifications(tx, [row.providerId], event, ctx.now()));
    }
    return { missed: rows, notes: stored };
  });
  for (const row of missed) {
    const payload = { sessionId: row.id, orderId: row.orderId, status: "missed", ...(row.retryAt ? { retryAt: row.retryAt.toISOString() } : {}) } as const;
    ctx.live.toUser(row.customerId, "call:ended", payload);
    ctx.live.toUser(row.providerId, "call:ended", payload);
  }
  for (const stored of notes) await announceNotifications(ctx, stored);
  return { missed: missed.length };
}
