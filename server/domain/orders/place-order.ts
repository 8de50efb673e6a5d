import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { orders, tweeps, type OrderStatus } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { ensureCommissionAccount } from "../ledger/commission-shards.ts";
import { ensureOrderHoldAccount, ensurePendingEarningsAccount, ensureUserAccount, readUserBalanceMinor } from "../ledger/ledger-accounts.ts";
import { recordPendingEarning } from "../earnings/pending-earnings.ts";
import { postTransfer } from "../ledger/post-transfer.ts";
import { splitCommission } from "../ledger/split-commission.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";
import { requireTermsConsent } from "../terms/require-terms-consent.ts";
import { tweepRowColumns } from "../tweeps/tweep-content.ts";

export type PlaceOrderInput = {
  customerId: string;
  tweepId: string;
  medium?: "video" | "text";
  /** The client's Idempotency-Key (or a fresh one): a retried POST finds the same order. */
  requestKey: string;
};

/**
 * The order's id is derived from (customer, request key), so a retried request with the
 * same Idempotency-Key lands on the same row and pays once; the orders table needs no
 * key column of its own.
 */
export function orderIdFor(customerId: string, requestKey: string): string {
  const hex = createHash("sha256").update(`order:${customerId}:${requestKey}`).digest("hex");
  // A version-8 (custom) UUID with the RFC 9562 variant bits.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * SPEC 5–7 ordering. Money moves in the same transaction as the insert, so a short balance
 * (insufficient_funds with the exact shortfall) leaves nothing behind:
 * consultation → first block into the hold (open); work → full price into the hold
 * (in_progress); files → price to the provider less commission at once (paid).
 */
export async function placeOrder(ctx: AppContext, input: PlaceOrderInput) {
  const { currency, commissionPercent } = ctx.config;
  const orderId = orderIdFor(input.customerId, input.requestKey);
  const result = await withTransaction(ctx.db, async (tx) => {
    const [tweep] = await tx.select(tweepRowColumns).from(tweeps).where(eq(tweeps.id, input.tweepId));
    if (!tweep) throw new AppError("not_found", "There is no such tweep.");

    const [existing] = await tx.select().from(orders).where(eq(orders.id, orderId));
    if (existing) {
      if (existing.customerId !== input.customerId || existing.tweepId !== input.tweepId || existing.medium !== (input.medium ?? null)) {
        throw new AppError("idempotency_key_reused", "This idempotency key was already used for a different order.");
      }
      return { order: existing, created: false, notes: null };
    }

    if (tweep.status !== "published") throw new AppError("invalid_state", "This tweep is not published.");
    if (tweep.providerId === input.customerId) {
      throw new AppError("conflict", "You cannot order your own tweep.", { details: { reason: "own_tweep" } });
    }
    // SPEC 16: the provider's current terms must have the customer's consent first.
    await requireTermsConsent(tx, { providerId: tweep.providerId, customerId: input.customerId });
    let priceMinor: bigint | null;
    if (tweep.type === "consultation") {
      if (!input.medium) throw new AppError("validation_failed", "medium: choose video or text for a consultation.");
      priceMinor = input.medium === "video" ? tweep.videoPriceMinor : tweep.textPriceMinor;
      if (priceMinor === null) throw new AppError("validation_failed", `medium: this tweep offers no ${input.medium} consultation.`);
    } else {
      if (input.medium) throw new AppError("validation_failed", "medium: only consultations take a medium.");
      priceMinor = tweep.priceMinor;
    }
    if (priceMinor === null || priceMinor <= 0n) throw new AppError("invalid_state", "This tweep has no price.");

    const now = ctx.now();
    const status: OrderStatus = tweep.type === "consultation" ? "open" : tweep.type === "work" ? "in_progress" : "paid";
    const [order] = await tx
      .insert(orders)
      .values({
        id: orderId,
        tweepId: tweep.id,
        type: tweep.type,
        medium: tweep.type === "consultation" ? input.medium : null,
        status,
        customerId: input.customerId,
        providerId: tweep.providerId,
        priceMinor,
        title: tweep.title,
        createdAt: now,
        updatedAt: now,
        finishedAt: status === "paid" ? now : null,
      })
      .onConflictDoNothing({ target: orders.id })
      .returning();
    if (!order) {
      // The same request, retried concurrently, inserted it first (PostgreSQL waited for it).
      const [winner] = await tx.select().from(orders).where(eq(orders.id, orderId));
      if (!winner || winner.customerId !== input.customerId || winner.tweepId !== input.tweepId) {
        throw new AppError("idempotency_key_reused", "This idempotency key was already used for a different order.");
      }
      return { order: winner, created: false, notes: null };
    }

    const customerAccount = await ensureUserAccount(tx, input.customerId, currency);
    if (tweep.type === "files") {
      const { commissionMinor, netMinor } = splitCommission(priceMinor, commissionPercent);
      const idempotencyKey = `order_payment:${order.id}`;
      await postTransfer(tx, {
        idempotencyKey,
        kind: "files_purchase",
        orderId: order.id,
        legs: [
          { accountId: customerAccount, amountMinor: -priceMinor },
          { accountId: await ensurePendingEarningsAccount(tx, tweep.providerId, currency), amountMinor: netMinor },
          { accountId: await ensureCommissionAccount(tx, idempotencyKey, currency), amountMinor: commissionMinor },
        ],
      });
      // SPEC 17: a sale is pending for CLEARANCE_HOURS before it can be paid out.
      await recordPendingEarning(tx, ctx.config.clearanceHours, {
        userId: tweep.providerId,
        orderId: order.id,
        sourceKey: idempotencyKey,
        grossMinor: priceMinor,
        commissionMinor,
        netMinor,
        earnedAt: ctx.now(),
      });
    } else {
      await postTransfer(tx, {
        idempotencyKey: `order_payment:${order.id}`,
        kind: tweep.type === "consultation" ? "consultation_prepay" : "work_escrow",
        orderId: order.id,
        legs: [
          { accountId: customerAccount, amountMinor: -priceMinor },
          { accountId: await ensureOrderHoldAccount(tx, order.id, currency), amountMinor: priceMinor },
        ],
      });
    }
    const event = { kind: "order_created", orderId: order.id, title: order.title } as const;
    return { order, created: true, notes: await storeNotifications(tx, [order.providerId], event, ctx.now()) };
  });
  if (result.notes) {
    await announceNotifications(ctx, result.notes);
    const balanceMinor = Number(await readUserBalanceMinor(ctx.db, result.order.customerId));
    ctx.live.toUser(result.order.customerId, "wallet:updated", { balanceMinor });
  }
  return { order: result.order, created: result.created };
}
