import { z } from "@hono/zod-openapi";
import { Localized, MAX_AMOUNT_MINOR } from "./common.ts";

// Minute packages (SPEC 18). Amounts are minor units.

export const packageStatuses = ["pending", "approved", "rejected", "withdrawn"] as const;
export const purchaseStatuses = ["active", "used_up", "expired"] as const;

/** A package of minutes a provider offers on a consultation tweep. */
export const PackageOffer = z
  .object({
    id: z.uuid(),
    tweepId: z.uuid(),
    minutes: z.number().int(),
    priceMinor: z.number().int(),
    validityDays: z.number().int(),
    status: z.enum(packageStatuses),
    rejectionReason: z.string().nullable(),
  })
  .openapi("PackageOffer");
export type PackageOffer = z.infer<typeof PackageOffer>;

/** A package bought on an order: what is left of it and until when. */
export const PackagePurchaseView = z
  .object({
    id: z.uuid(),
    orderId: z.uuid(),
    packageId: z.uuid(),
    minutes: z.number().int(),
    minutesLeft: z.number().int(),
    priceMinor: z.number().int(),
    validUntil: z.string(),
    autoRenew: z.boolean(),
    status: z.enum(purchaseStatuses),
    renewalOfId: z.uuid().nullable(),
    createdAt: z.string(),
    endedAt: z.string().nullable(),
  })
  .openapi("PackagePurchase");
export type PackagePurchaseView = z.infer<typeof PackagePurchaseView>;

/** `POST /tweeps/{id}/packages`. */
export const OfferPackageRequest = z.strictObject({
  minutes: z.number().int().min(1).max(10_000),
  priceMinor: z.number().int().min(1).max(MAX_AMOUNT_MINOR),
  validityDays: z.number().int().min(1).max(365),
});

/** `POST /orders/{id}/packages`. */
export const BuyPackageRequest = z.strictObject({ packageId: z.uuid(), autoRenew: z.boolean().default(false) });

/** `GET /orders/{id}/packages`: what the tweep offers and what was bought on the order. */
export const OrderPackages = z.object({ offered: z.array(PackageOffer), purchases: z.array(PackagePurchaseView) });
export type OrderPackages = z.infer<typeof OrderPackages>;

/** The moderators' queue of packages. */
export const PendingPackage = PackageOffer.extend({ tweepTitle: Localized }).openapi("PendingPackage");
export type PendingPackage = z.infer<typeof PendingPackage>;

/** Added to every session view: a session on a package shows the minutes left (SPEC 18). */
export const sessionPackageFields = {
  /** Set when a minute package pays this session's clock. */
  packagePurchaseId: z.uuid().nullable(),
  minutesDrawn: z.number().int(),
  /** The package's minutes left; null when the session is not (or no longer) drawing minutes. */
  packageMinutesLeft: z.number().int().nullable(),
};
