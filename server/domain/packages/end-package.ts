import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { packagePurchases } from "../../../db/schema.ts";
import { AppError } from "../../errors.ts";
import { payRestOfHold, type PackageMoneyConfig, type PurchaseRow } from "./package-money.ts";
import { purchasePackage } from "./purchase-package.ts";

/**
 * Ends the locked, active `purchase` (SPEC 18: its minutes or its validity ran out, whichever
 * first): what is left of its hold goes to the provider, and with automatic renewal the same
 * package is bought again if the customer's balance allows. Inside the caller's transaction.
 * Returns the renewal, or null.
 */
export async function endPackage(
  tx: Transaction,
  config: PackageMoneyConfig,
  purchase: PurchaseRow,
  input: { status: "used_up" | "expired"; at: Date },
): Promise<PurchaseRow | null> {
  const [ended] = await tx
    .update(packagePurchases)
    .set({ status: input.status, endedAt: input.at })
    .where(and(eq(packagePurchases.id, purchase.id), eq(packagePurchases.status, "active")))
    .returning();
  if (!ended) return null;
  await payRestOfHold(tx, config, ended, input.at);
  if (!ended.autoRenew) return null;
  return renewPackage(tx, config, ended, input.at);
}

/** The renewal's id is derived from the purchase it renews, so it happens at most once. */
async function renewPackage(tx: Transaction, config: PackageMoneyConfig, ended: PurchaseRow, at: Date): Promise<PurchaseRow | null> {
  const hex = createHash("sha256").update(`package-renewal:${ended.id}`).digest("hex");
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  // A savepoint: a renewal the balance (or the offer, or the order) no longer allows is
  // skipped, and the package's end stands.
  try {
    return await tx.transaction(async (inner) => {
      const { purchase } = await purchasePackage(inner, config, {
        id,
        orderId: ended.orderId,
        packageId: ended.packageId,
        customerId: ended.customerId,
        autoRenew: true,
        at,
        renewalOfId: ended.id,
      });
      return purchase;
    });
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}
