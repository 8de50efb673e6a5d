import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { orders, packagePurchases, tweepPackages } from "../../../db/schema.ts";
import { AppError } from "../../errors.ts";
import { ensureUserAccount } from "../ledger/ledger-accounts.ts";
import { postTransfer } from "../ledger/post-transfer.ts";
import { ensurePackageHoldAccount, type PackageMoneyConfig, type PurchaseRow } from "./package-money.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Buys `packageId` on `orderId` inside the caller's transaction (SPEC 18): the price moves
 * from the customer's account into the purchase's own hold, with the purchase row, or
 * nothing happens. One active package per order (a unique index guards it against a race).
 * `id` makes a retried request, or a replayed renewal, land on the same purchase.
 */
export async function purchasePackage(
  tx: Transaction,
  config: PackageMoneyConfig,
  input: { id: string; orderId: string; packageId: string; customerId: string; autoRenew: boolean; at: Date; renewalOfId?: string | null },
): Promise<{ purchase: PurchaseRow; created: boolean }> {
  const [existing] = await tx.select().from(packagePurchases).where(eq(packagePurchases.id, input.id));
  if (existing) {
    if (existing.orderId !== input.orderId || existing.packageId !== input.packageId) {
      throw new AppError("idempotency_key_reused", "This idempotency key was already used for a different purchase.");
    }
    return { purchase: existing, created: false };
  }
  const [order] = await tx.select().from(orders).where(eq(orders.id, input.orderId));
  if (!order || order.customerId !== input.customerId) throw new AppError("not_found", "There is no such order.");
  if (order.type !== "consultation") throw new AppError("invalid_state", "Minute packages are for consultation orders.");
  if (order.status !== "open") throw new AppError("invalid_state", "This order is no longer open.");
  const [offer] = await tx
    .select()
    .from(tweepPackages)
    .where(and(eq(tweepPackages.id, input.packageId), eq(tweepPackages.tweepId, order.tweepId)));
  if (!offer) throw new AppError("not_found", "This tweep offers no such package.");
  if (offer.status !== "approved") throw new AppError("invalid_state", "This package is not approved.");

  const [purchase] = await tx
    .insert(packagePurchases)
    .values({
      id: input.id,
      orderId: order.id,
      packageId: offer.id,
      customerId: order.customerId,
      providerId: order.providerId,
      minutes: offer.minutes,
      minutesLeft: offer.minutes,
      priceMinor: offer.priceMinor,
      validUntil: new Date(input.at.getTime() + offer.validityDays * DAY_MS),
      autoRenew: input.autoRenew,
      renewalOfId: input.renewalOfId ?? null,
      createdAt: input.at,
    })
    .onConflictDoNothing()
    .returning();
  if (!purchase) throw new AppError("conflict", "This order already has an active package.", { details: { reason: "package_active" } });
  const hold = await ensurePackageHoldAccount(tx, purchase.id, config.currency);
  await postTransfer(tx, {
    idempotencyKey: `package:${purchase.id}:purchase`,
    kind: input.renewalOfId ? "package_renewal" : "package_purchase",
    orderId: order.id,
    legs: [
      { accountId: await ensureUserAccount(tx, order.customerId, config.currency), amountMinor: -purchase.priceMinor },
      { accountId: hold.id, amountMinor: purchase.priceMinor },
    ],
  });
  return { purchase, created: true };
}
