import { disputeMessages } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";
import type { Viewer } from "../orders/order-access.ts";
import { loadDisputeFor } from "./dispute-access.ts";
import { toPublicDisputeMessage } from "./list-dispute-messages.ts";

/**
 * A message in a dispute's correspondence (also after it is resolved, for questions about
 * the outcome). The parties other than the author are e-mailed; moderators read the queue.
 */
export async function postDisputeMessage(ctx: AppContext, input: { disputeId: string; viewer: Viewer; body: string }) {
  const { dispute, order } = await loadDisputeFor(ctx.db, input.disputeId, input.viewer);
  const others = [order.customerId, order.providerId].filter((id) => id !== input.viewer.id);
  const event = { kind: "dispute_message", orderId: order.id, title: order.title, disputeId: dispute.id, body: input.body } as const;
  const { row, notes } = await withTransaction(ctx.db, async (tx) => {
    const [inserted] = await tx
      .insert(disputeMessages)
      .values({ disputeId: dispute.id, authorId: input.viewer.id, body: input.body, createdAt: ctx.now() })
      .returning();
    return { row: inserted, notes: await storeNotifications(tx, others, event, ctx.now()) };
  });
  await announceNotifications(ctx, notes);
  return toPublicDisputeMessage(row!);
}
