import { and, eq, inArray } from "drizzle-orm";
import { queueEntries } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { loadOrderFor } from "../orders/order-access.ts";
import { publishQueueChange } from "./publish-queue-change.ts";
import { ACTIVE_QUEUE_STATUSES } from "./queue-line.ts";

/** The customer leaves the provider's queue (SPEC 15), waiting or holding the turn. */
export async function leaveQueue(ctx: AppContext, input: { orderId: string; userId: string }) {
  const order = await loadOrderFor(ctx.db, input.orderId, { id: input.userId });
  if (order.customerId !== input.userId) throw new AppError("forbidden", "Only the order's customer can leave the queue.");
  const [left] = await ctx.db
    .update(queueEntries)
    .set({ status: "left", endedAt: ctx.now() })
    .where(
      and(
        eq(queueEntries.providerId, order.providerId),
        eq(queueEntries.customerId, input.userId),
        inArray(queueEntries.status, [...ACTIVE_QUEUE_STATUSES]),
      ),
    )
    .returning();
  if (!left) throw new AppError("not_found", "You are not in this provider's queue.");
  await publishQueueChange(ctx, order.providerId, [{ customerId: left.customerId, orderId: left.orderId, status: "left" }]);
  return { left: true };
}
