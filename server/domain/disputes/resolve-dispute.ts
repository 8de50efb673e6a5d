import { and, eq, inArray } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { disputes, orders, type OrderStatus } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { ensureCommissionAccount } from "../ledger/commission-shards.ts";
import { ensureOrderHoldAccount, ensurePendingEarningsAccount, ensureUserAccount } from "../ledger/ledger-accounts.ts";
import { listOrderSessionEarnings, recordPendingEarning, sumEarnings } from "../earnings/pending-earnings.ts";
import { pendingEarnings } from "../../../db/schema.ts";
import { postTransfer } from "../ledger/post-transfer.ts";
import { splitCommission } from "../ledger/split-commission.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { readHeldMinor } from "../orders/order-access.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";
import { toPublicDispute } from "./dispute-access.ts";

export type ResolveDisputeInput = {
  disputeId: string;
  moderatorId: string;
  toProviderMinor: bigint;
  toCustomerMinor: bigint;
  reason: string;
  /** SPEC 17: a consultation's charged blocks whose earnings are still pending go back to the customer too. */
  refundPendingBlocks?: boolean;
};

/**
 * SPEC 8: a moderator splits what the order's hold holds now between provider and customer.
 * The two parts must add up exactly to the held amount (no unit lost or created); the
 * provider's part pays commission like any amount that reaches a provider. Everything moves
 * in one ledger transaction whose memo is the moderator's reason.
 *
 * The order ends: work with anything to the provider → accepted, a consultation → closed;
 * nothing to the provider → cancelled (not "refused": a moderator's refund is not the
 * provider's refusal and does not count against their rating). When nothing is held (a
 * files order, paid to the provider at once; or work already accepted), the only
 * resolution is 0/0 with a reason and the order keeps its status: refunding money already
 * released is a later feature.
 *
 * SPEC 17: on a consultation order the moderator may also give back every charged block
 * whose earning is still pending (an open dispute keeps them from clearing): the customer
 * gets each block's price, the provider's pending earnings and the commission give back
 * their parts, in the same ledger transaction as the split.
 *
 * Concurrency: the guarded update of the dispute lets exactly one resolution through.
 */
export async function resolveDispute(ctx: AppContext, input: ResolveDisputeInput) {
  const { currency, commissionPercent } = ctx.config;
  if (input.toProviderMinor < 0n || input.toCustomerMinor < 0n) {
    throw new AppError("validation_failed", "Amounts cannot be negative.");
  }
  const now = ctx.now();
  const result = await withTransaction(ctx.db, async (tx) => {
    const settled = await settle(tx);
    const event = { kind: "dispute_resolved", orderId: settled.order.id, title: settled.order.title, disputeId: settled.dispute.id } as const;
    return { ...settled, notes: await storeNotifications(tx, [settled.order.customerId, settled.order.providerId], event, now) };
  });
  await announceNotifications(ctx, result.notes);
  for (const userId of [result.order.customerId, result.order.providerId]) {
    ctx.live.toUser(userId, "order:updated", { orderId: result.order.id, status: result.order.status });
  }
  return toPublicDispute(result.dispute, result.order);

  async function settle(tx: Transaction) {
    const [dispute] = await tx
      .update(disputes)
      .set({
        status: "resolved",
        toProviderMinor: input.toProviderMinor,
        toCustomerMinor: input.toCustomerMinor,
        resolutionReason: input.reason,
        resolvedBy: input.moderatorId,
        resolvedAt: now,
      })
      .where(and(eq(disputes.id, input.disputeId), eq(disputes.status, "open")))
      .returning();
    if (!dispute) {
      const [existing] = await tx.select({ status: disputes.status }).from(disputes).where(eq(disputes.id, input.disputeId));
      if (!existing) throw new AppError("not_found", "There is no such dispute.");
      throw new AppError("invalid_state", "This dispute is already resolved.");
    }
    const [order] = await tx.select().from(orders).where(eq(orders.id, dispute.orderId)).for("update");
    if (!order) throw new Error("dispute without order");
    if (order.customerId === input.moderatorId || order.providerId === input.moderatorId) {
      throw new AppError("forbidden", "A moderator cannot resolve a dispute on their own order.");
    }
    const heldMinor = await readHeldMinor(tx, order.id);
    if (input.toProviderMinor + input.toCustomerMinor !== heldMinor) {
      throw new AppError("validation_failed", `The two parts must add up to the amount held, ${heldMinor}.`, {
        details: { heldMinor: Number(heldMinor) },
      });
    }
    if (input.refundPendingBlocks && order.type !== "consultation") {
      throw new AppError("validation_failed", "Only a consultation's charged blocks can be given back.");
    }
    const refunded = input.refundPendingBlocks ? await reversePendingBlocks(tx, order.id) : null;
    if (refunded) {
      const [marked] = await tx.update(disputes).set({ pendingRefundedMinor: refunded.grossMinor }).where(eq(disputes.id, dispute.id)).returning();
      Object.assign(dispute, marked);
    }
    if (heldMinor === 0n) {
      if (refunded && refunded.grossMinor > 0n) await postPendingRefund(tx, dispute.id, order, refunded);
      return { dispute, order };
    }

    const status: OrderStatus =
      input.toProviderMinor === 0n ? "cancelled" : order.type === "consultation" ? "closed" : "accepted";
    const [updated] = await tx
      .update(orders)
      .set({ status, autoAcceptAt: null, updatedAt: now, finishedAt: now })
      .where(and(eq(orders.id, order.id), inArray(orders.status, ["open", "in_progress", "delivered"])))
      .returning();
    if (!updated) throw new AppError("invalid_state", `Money is held but the order is ${order.status}.`);

    const { commissionMinor, netMinor } = splitCommission(input.toProviderMinor, commissionPercent);
    const idempotencyKey = `dispute_resolution:${dispute.id}`;
    const back = refunded ?? { grossMinor: 0n, commissionMinor: 0n, netMinor: 0n };
    await postTransfer(tx, {
      idempotencyKey,
      kind: "dispute_resolution",
      memo: input.reason,
      orderId: order.id,
      legs: [
        { accountId: await ensureOrderHoldAccount(tx, order.id, currency), amountMinor: -heldMinor },
        { accountId: await ensurePendingEarningsAccount(tx, order.providerId, currency), amountMinor: netMinor - back.netMinor },
        { accountId: await ensureCommissionAccount(tx, idempotencyKey, currency), amountMinor: commissionMinor - back.commissionMinor },
        { accountId: await ensureUserAccount(tx, order.customerId, currency), amountMinor: input.toCustomerMinor + back.grossMinor },
      ],
    });
    await recordPendingEarning(tx, ctx.config.clearanceHours, {
      userId: order.providerId,
      orderId: order.id,
      sourceKey: idempotencyKey,
      grossMinor: input.toProviderMinor,
      commissionMinor,
      netMinor,
      earnedAt: now,
    });
    return { dispute, order: updated };
  }

  async function reversePendingBlocks(tx: Transaction, orderId: string) {
    // Session blocks and an appointment hold's release at a session's end only: minutes drawn
    // from a package are never given back (docs/decisions.md).
    const rows = (await listOrderSessionEarnings(tx, orderId)).filter(
      (row) => row.sessionId !== null && (row.blockIndex !== null || row.appointmentId !== null),
    );
    if (rows.length === 0) return sumEarnings([]);
    const reversed = await tx
      .update(pendingEarnings)
      .set({ status: "reversed", settledAt: now })
      .where(and(inArray(pendingEarnings.id, rows.map((row) => row.id)), eq(pendingEarnings.status, "pending")))
      .returning();
    return sumEarnings(reversed);
  }

  async function postPendingRefund(tx: Transaction, disputeId: string, order: typeof orders.$inferSelect, back: ReturnType<typeof sumEarnings>) {
    const idempotencyKey = `dispute_resolution:${disputeId}`;
    await postTransfer(tx, {
      idempotencyKey,
      kind: "dispute_resolution",
      memo: input.reason,
      orderId: order.id,
      legs: [
        { accountId: await ensurePendingEarningsAccount(tx, order.providerId, currency), amountMinor: -back.netMinor },
        { accountId: await ensureCommissionAccount(tx, idempotencyKey, currency), amountMinor: -back.commissionMinor },
        { accountId: await ensureUserAccount(tx, order.customerId, currency), amountMinor: back.grossMinor },
      ],
    });
  }
}
