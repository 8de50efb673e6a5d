import { and, eq } from "drizzle-orm";
import { disputes, orders } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { sqlStateOf, withTransaction } from "../../../db/with-transaction.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";
import { toPublicDispute } from "./dispute-access.ts";

/**
 * SPEC 8: either party opens a dispute on any order; one open at a time. The order row is
 * locked first (the same lock every money-moving transition takes), so a dispute and an
 * accept or refund never interleave: whichever commits first wins, the other sees it.
 */
export async function openDispute(ctx: AppContext, input: { orderId: string; userId: string; reason: string }) {
  const result = await withTransaction(ctx.db, async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, input.orderId)).for("update");
    if (!order || (order.customerId !== input.userId && order.providerId !== input.userId)) {
      throw new AppError("not_found", "There is no such order.");
    }
    const [open] = await tx
      .select({ id: disputes.id })
      .from(disputes)
      .where(and(eq(disputes.orderId, order.id), eq(disputes.status, "open")));
    if (open) throw new AppError("conflict", "This order already has an open dispute.", { details: { openDisputeId: open.id } });
    const [dispute] = await tx
      .insert(disputes)
      .values({ orderId: order.id, openedBy: input.userId, reason: input.reason, createdAt: ctx.now() })
      .returning();
    const others = [order.customerId, order.providerId].filter((id) => id !== input.userId);
    const event = { kind: "dispute_opened", orderId: order.id, title: order.title, disputeId: dispute!.id, reason: dispute!.reason } as const;
    return { dispute: dispute!, order, notes: await storeNotifications(tx, others, event, ctx.now()) };
  }).catch((error: unknown) => {
    // The partial unique index is the last word if two requests slipped past the check.
    if (sqlStateOf(error) === "23505") throw new AppError("conflict", "This order already has an open dispute.");
    throw error;
  });
  const { dispute, order, notes } = result;
  await announceNotifications(ctx, notes);
  return toPublicDispute(dispute, order);
}
