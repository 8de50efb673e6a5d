import { asc, eq } from "drizzle-orm";
import { orderMessages } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { loadOrderFor } from "./order-access.ts";

export function toPublicOrderMessage(row: typeof orderMessages.$inferSelect) {
  return { id: row.id, orderId: row.orderId, authorId: row.authorId, body: row.body, createdAt: row.createdAt.toISOString() };
}

/** SPEC 6: the thread between customer and provider; only they read it. */
export async function listOrderMessages(ctx: AppContext, input: { orderId: string; userId: string }) {
  const order = await loadOrderFor(ctx.db, input.orderId, { id: input.userId });
  const rows = await ctx.db
    .select()
    .from(orderMessages)
    .where(eq(orderMessages.orderId, order.id))
    .orderBy(asc(orderMessages.createdAt), asc(orderMessages.id));
  return { items: rows.map(toPublicOrderMessage) };
}
