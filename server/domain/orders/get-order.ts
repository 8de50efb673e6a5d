import { and, asc, eq, isNull } from "drizzle-orm";
import { tweepFiles, tweeps } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { loadOrderFor, type Viewer } from "./order-access.ts";
import { availableActions, readHeldByOrder, readOpenDisputeIds, readReviewedOrderIds, toPublicOrder } from "./order-view.ts";

/** The order card: parties and moderators (who arbitrate disputes) only. */
export async function getOrder(ctx: AppContext, input: { orderId: string; viewer: Viewer }) {
  const order = await loadOrderFor(ctx.db, input.orderId, input.viewer, { moderators: true });
  const ids = [order.id];
  const [held, open, reviewed] = await Promise.all([
    readHeldByOrder(ctx.db, ids),
    readOpenDisputeIds(ctx.db, ids),
    readReviewedOrderIds(ctx.db, ids),
  ]);
  const openDisputeId = open.get(order.id) ?? null;
  const base = toPublicOrder(order, {
    heldMinor: held.get(order.id) ?? 0n,
    openDisputeId,
    actions: availableActions(order, input.viewer.id, { openDisputeId, reviewed: reviewed.has(order.id) }),
  });
  const isParty = order.customerId === input.viewer.id || order.providerId === input.viewer.id;
  if (order.type !== "files" || order.status !== "paid" || !isParty) return { ...base, reviewed: reviewed.has(order.id) };

  // SPEC 7: after paying, the order page offers the tweep's files and links.
  const [tweep] = await ctx.db.select({ links: tweeps.links }).from(tweeps).where(eq(tweeps.id, order.tweepId));
  const files = await ctx.db
    .select({ id: tweepFiles.id, fileName: tweepFiles.fileName, contentType: tweepFiles.contentType, sizeBytes: tweepFiles.sizeBytes })
    .from(tweepFiles)
    .where(and(eq(tweepFiles.tweepId, order.tweepId), eq(tweepFiles.kind, "deliverable"), isNull(tweepFiles.deletedAt)))
    .orderBy(asc(tweepFiles.createdAt));
  return { ...base, reviewed: reviewed.has(order.id), files, links: tweep?.links ?? [] };
}
