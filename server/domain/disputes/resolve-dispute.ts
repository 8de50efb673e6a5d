import { and, eq, inArray } from "drizzle-orm";
import { disputes, orders, type OrderStatus } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { ensureCommissionAccount } from "../ledger/commission-shards.ts";
import { ensureOrderHoldAccount, ensureUserAccount } from "../ledger/ledger-accounts.ts";
import { postTransfer } from "../ledger/post-transfer.ts";
import { splitCommission } from "../ledger/split-commission.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { readHeldMinor } from "../orders/order-access.ts";
import { toPublicDispute } from "./dispute-access.ts";

export type ResolveDisputeInput = {
  disputeId: string;
  moderatorId: string;
  toProviderMinor: bigint;
  toCustomerMinor: bigint;
  reason: string;
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
 * Concurrency: the guarded update of the dispute lets exactly one resolution through.
 */
export async function resolveDispute(ctx: AppContext, input: ResolveDisputeInput) {
  const { currency, commissionPercent } = ctx.config;
  if (input.toProviderMinor < 0n || input.toCustomerMinor < 0n) {
    throw new AppError("validation_failed", "Amounts cannot be negative.");
  }
  const now = ctx.now();
  const result = await withTransaction(ctx.db, async (tx) => {
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
    if (heldMinor === 0n) return { dispute, order };

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
    await postTransfer(tx, {
      idempotencyKey,
      kind: "dispute_resolution",
      memo: input.reason,
      orderId: order.id,
      legs: [
        { accountId: await ensureOrderHoldAccount(tx, order.id, currency), amountMinor: -heldMinor },
        { accountId: await ensureUserAccount(tx, order.providerId, currency), amountMinor: netMinor },
        { accountId: await ensureCommissionAccount(tx, idempotencyKey, currency), amountMinor: commissionMinor },
        { accountId: await ensureUserAccount(tx, order.customerId, currency), amountMinor: input.toCustomerMinor },
      ],
    });
    return { dispute, order: updated };
  });
  for (const userId of [result.order.customerId, result.order.providerId]) {
    ctx.live.toUser(userId, "order:updated", { orderId: result.order.id, status: result.order.status });
  }
  return toPublicDispute(result.dispute, result.order);
}
