import type { Transaction } from "../../../db/client.ts";
import type { Config } from "../../context.ts";
import { ensureCommissionAccount } from "../ledger/commission-shards.ts";
import { recordPendingEarning } from "../earnings/pending-earnings.ts";
import { ensureOrderHoldAccount, ensurePendingEarningsAccount, ensureUserAccount } from "../ledger/ledger-accounts.ts";
import { postTransfer } from "../ledger/post-transfer.ts";
import { splitCommission } from "../ledger/split-commission.ts";
import type { OrderRow } from "./order-access.ts";
import { readHeldMinor } from "./order-access.ts";

type MoneyConfig = Pick<Config, "currency" | "commissionPercent" | "clearanceHours">;

/**
 * Returns everything the order's hold still holds to the customer. Run only after the
 * guarded update locked the order, so nothing else moves the hold meanwhile. One key per
 * order: an order is refunded at most once, whichever transition does it.
 */
export async function refundHold(tx: Transaction, config: MoneyConfig, order: OrderRow, kind: string) {
  const heldMinor = await readHeldMinor(tx, order.id);
  if (heldMinor === 0n) return 0n;
  await postTransfer(tx, {
    idempotencyKey: `order_refund:${order.id}`,
    kind,
    orderId: order.id,
    legs: [
      { accountId: await ensureOrderHoldAccount(tx, order.id, config.currency), amountMinor: -heldMinor },
      { accountId: await ensureUserAccount(tx, order.customerId, config.currency), amountMinor: heldMinor },
    ],
  });
  return heldMinor;
}

/**
 * Escrow release (SPEC 6): the hold goes to the provider less the platform's commission,
 * into their pending earnings (SPEC 17), clearing `clearanceHours` after `now`.
 */
export async function releaseHold(tx: Transaction, config: MoneyConfig, order: OrderRow, kind: string, now: Date) {
  const heldMinor = await readHeldMinor(tx, order.id);
  if (heldMinor === 0n) return 0n;
  const { commissionMinor, netMinor } = splitCommission(heldMinor, config.commissionPercent);
  const idempotencyKey = `order_release:${order.id}`;
  await postTransfer(tx, {
    idempotencyKey,
    kind,
    orderId: order.id,
    legs: [
      { accountId: await ensureOrderHoldAccount(tx, order.id, config.currency), amountMinor: -heldMinor },
      { accountId: await ensurePendingEarningsAccount(tx, order.providerId, config.currency), amountMinor: netMinor },
      { accountId: await ensureCommissionAccount(tx, idempotencyKey, config.currency), amountMinor: commissionMinor },
    ],
  });
  await recordPendingEarning(tx, config.clearanceHours, {
    userId: order.providerId,
    orderId: order.id,
    sourceKey: idempotencyKey,
    grossMinor: heldMinor,
    commissionMinor,
    netMinor,
    earnedAt: now,
  });
  return heldMinor;
}
