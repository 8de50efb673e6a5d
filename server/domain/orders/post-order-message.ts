import { orderMessages } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { loadOrderFor } from "./order-access.ts";
import { toPublicOrderMessage } from "./list-order-messages.ts";

export async function postOrderMessage(ctx: AppContext, input: { orderId: string; userId: string; body: string }) {
  const order = await loadOrderFor(ctx.db, input.orderId, { id: input.userId });
  const [row] = await ctx.db
    .insert(orderMessages)
    .values({ orderId: order.id, authorId: input.userId, body: input.body, createdAt: ctx.now() })
    .returning();
  const message = toPublicOrderMessage(row!);
  const other = order.customerId === input.userId ? order.providerId : order.customerId;
  ctx.live.toUser(other, "order:message", message);
  return message;
}
