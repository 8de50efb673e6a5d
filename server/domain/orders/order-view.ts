import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { disputes, ledgerAccounts, ledgerEntries, ledgerTransactions, reviews } from "../../../db/schema.ts";
import type { OrderRow } from "./order-access.ts";
import { orderTransitions, orderVerbs, type OrderVerb } from "./order-transitions.ts";

export type OrderAction = OrderVerb | "review" | "dispute";

/**
 * What the viewer may do next: the order card's buttons, read from the same state table
 * the verbs' guarded updates use (the server still checks every one when pressed).
 * Reviewing and disputing are not transitions, so their rules stay here.
 */
export function availableActions(
  order: OrderRow,
  viewerId: string,
  state: { openDisputeId: string | null; reviewed: boolean },
): OrderAction[] {
  const frozen = state.openDisputeId !== null;
  const role = order.customerId === viewerId ? "customer" : order.providerId === viewerId ? "provider" : null;
  if (!role) return [];
  const actions: OrderAction[] = orderVerbs.filter((verb) => {
    const rule = orderTransitions[verb];
    return (
      rule.by === role &&
      (rule.from as readonly string[]).includes(order.status) &&
      !(rule.frozenByDispute && frozen) &&
      !(rule.needsUnusedBlock && order.prepaidBlockUsed)
    );
  });
  if (role === "customer") {
    const reviewable = (order.type === "work" && order.status === "accepted") || (order.type === "files" && order.status === "paid");
    if (reviewable && !state.reviewed) actions.push("review");
  }
  if (!frozen) actions.push("dispute");
  return actions;
}

export async function readOpenDisputeIds(db: Executor, orderIds: string[]) {
  if (orderIds.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ orderId: disputes.orderId, id: disputes.id })
    .from(disputes)
    .where(and(inArray(disputes.orderId, orderIds), eq(disputes.status, "open")));
  return new Map(rows.map((row) => [row.orderId, row.id]));
}

export async function readHeldByOrder(db: Executor, orderIds: string[]) {
  if (orderIds.length === 0) return new Map<string, bigint>();
  const rows = await db
    .select({ orderId: ledgerAccounts.orderId, balanceMinor: ledgerAccounts.balanceMinor })
    .from(ledgerAccounts)
    .where(and(inArray(ledgerAccounts.orderId, orderIds), eq(ledgerAccounts.kind, "order_hold")));
  return new Map(rows.map((row) => [row.orderId!, row.balanceMinor]));
}

export async function readReviewedOrderIds(db: Executor, orderIds: string[]) {
  if (orderIds.length === 0) return new Set<string>();
  // The order's own review (work, files); a consultation's reviews are per session.
  const rows = await db
    .select({ orderId: reviews.orderId })
    .from(reviews)
    .where(and(inArray(reviews.orderId, orderIds), isNull(reviews.sessionId)));
  return new Set(rows.map((row) => row.orderId));
}

/**
 * SPEC 4 "gross, commission and net for every sale", read from the ledger rather than
 * recomputed, so it stays true for dispute splits and per-block session charges:
 * net = what reached the provider's account for the order, commission = what reached the
 * platform's, gross = both.
 */
export async function readSaleAmounts(db: Executor, providerId: string, orderIds: string[]) {
  if (orderIds.length === 0) return new Map<string, { grossMinor: bigint; commissionMinor: bigint; netMinor: bigint }>();
  const rows = await db
    .select({
      orderId: ledgerTransactions.orderId,
      netMinor: sql<string>`COALESCE(SUM(${ledgerEntries.amountMinor}) FILTER (WHERE ${ledgerAccounts.kind} IN ('user', 'earnings_pending') AND ${ledgerAccounts.userId} = ${providerId}), 0)::text`,
      commissionMinor: sql<string>`COALESCE(SUM(${ledgerEntries.amountMinor}) FILTER (WHERE ${ledgerAccounts.kind} = 'commission'), 0)::text`,
    })
    .from(ledgerTransactions)
    .innerJoin(ledgerEntries, eq(ledgerEntries.transactionId, ledgerTransactions.id))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(inArray(ledgerTransactions.orderId, orderIds))
    .groupBy(ledgerTransactions.orderId);
  return new Map(
    rows.map((row) => {
      const netMinor = BigInt(row.netMinor);
      const commissionMinor = BigInt(row.commissionMinor);
      return [row.orderId!, { grossMinor: netMinor + commissionMinor, commissionMinor, netMinor }];
    }),
  );
}

export function toPublicOrder(order: OrderRow, extra: { heldMinor: bigint; openDisputeId: string | null; actions: OrderAction[] }) {
  return {
    id: order.id,
    tweepId: order.tweepId,
    type: order.type,
    ...(order.medium ? { medium: order.medium } : {}),
    status: order.status,
    customerId: order.customerId,
    providerId: order.providerId,
    heldMinor: Number(extra.heldMinor),
    title: order.title,
    priceMinor: Number(order.priceMinor),
    prepaidBlockUsed: order.prepaidBlockUsed,
    acceptedAutomatically: order.acceptedAutomatically,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    deliveredAt: order.deliveredAt?.toISOString() ?? null,
    autoAcceptAt: order.autoAcceptAt?.toISOString() ?? null,
    finishedAt: order.finishedAt?.toISOString() ?? null,
    openDisputeId: extra.openDisputeId,
    actions: extra.actions,
  };
}
