import { isNull } from "drizzle-orm";
import { reviews } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { loadOrderFor } from "../orders/order-access.ts";

/** The customer rates an accepted work order or a paid files order, once. */
export async function postReview(ctx: AppContext, input: { orderId: string; userId: string; rating: number; body?: string }) {
  const order = await loadOrderFor(ctx.db, input.orderId, { id: input.userId });
  if (order.customerId !== input.userId) throw new AppError("forbidden", "Only the customer reviews an order.");
  const reviewable = (order.type === "work" && order.status === "accepted") || (order.type === "files" && order.status === "paid");
  if (!reviewable) throw new AppError("invalid_state", "Only accepted work and bought files can be reviewed.");
  const [row] = await ctx.db
    .insert(reviews)
    .values({
      orderId: order.id,
      customerId: order.customerId,
      providerId: order.providerId,
      rating: input.rating,
      body: input.body ?? null,
      createdAt: ctx.now(),
    })
    .onConflictDoNothing({ target: reviews.orderId, where: isNull(reviews.sessionId) })
    .returning();
  if (!row) throw new AppError("conflict", "This order is already reviewed.");
  return { id: row.id, orderId: row.orderId, rating: row.rating, body: row.body, createdAt: row.createdAt.toISOString() };
}
