import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { disputes, orders } from "../../../db/schema.ts";
import { AppError } from "../../errors.ts";
import type { Viewer } from "../orders/order-access.ts";

export type DisputeRow = typeof disputes.$inferSelect;
type OrderRow = typeof orders.$inferSelect;

/** The dispute and its order if the viewer is a party to the order or a moderator; 404 otherwise. */
export async function loadDisputeFor(db: Executor, disputeId: string, viewer: Viewer) {
  const [row] = await db.select({ dispute: disputes, order: orders }).from(disputes).innerJoin(orders, eq(orders.id, disputes.orderId)).where(eq(disputes.id, disputeId));
  const party = row && (row.order.customerId === viewer.id || row.order.providerId === viewer.id);
  if (!row || !(party || viewer.isModerator)) throw new AppError("not_found", "There is no such dispute.");
  return row;
}

export function toPublicDispute(dispute: DisputeRow, order: OrderRow) {
  return {
    id: dispute.id,
    orderId: dispute.orderId,
    order: { id: order.id, type: order.type, status: order.status, title: order.title, customerId: order.customerId, providerId: order.providerId },
    openedBy: dispute.openedBy,
    reason: dispute.reason,
    status: dispute.status,
    toProviderMinor: dispute.toProviderMinor === null ? null : Number(dispute.toProviderMinor),
    toCustomerMinor: dispute.toCustomerMinor === null ? null : Number(dispute.toCustomerMinor),
    pendingRefundedMinor: dispute.pendingRefundedMinor === null ? null : Number(dispute.pendingRefundedMinor),
    resolutionReason: dispute.resolutionReason,
    resolvedBy: dispute.resolvedBy,
    createdAt: dispute.createdAt.toISOString(),
    resolvedAt: dispute.resolvedAt?.toISOString() ?? null,
  };
}
