import type { PackageOffer, PackagePurchaseView } from "../../../contract/packages.ts";
import type { tweepPackages } from "../../../db/schema.ts";
import type { PurchaseRow } from "./package-money.ts";

export type PackageRow = typeof tweepPackages.$inferSelect;

export function toPackageOffer(row: PackageRow): PackageOffer {
  return {
    id: row.id,
    tweepId: row.tweepId,
    minutes: row.minutes,
    priceMinor: Number(row.priceMinor),
    validityDays: row.validityDays,
    status: row.status,
    rejectionReason: row.rejectionReason,
  };
}

export function toPurchaseView(row: PurchaseRow): PackagePurchaseView {
  return {
    id: row.id,
    orderId: row.orderId,
    packageId: row.packageId,
    minutes: row.minutes,
    minutesLeft: row.minutesLeft,
    priceMinor: Number(row.priceMinor),
    validUntil: row.validUntil.toISOString(),
    autoRenew: row.autoRenew,
    status: row.status,
    renewalOfId: row.renewalOfId,
    createdAt: row.createdAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
  };
}
