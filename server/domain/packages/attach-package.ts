import type { Transaction } from "../../../db/client.ts";
import type { BillingSettings, MeteredSession } from "../sessions/billing-rules.ts";
import { lockActivePurchase } from "./draw-session-minutes.ts";
import { minuteDueAt } from "./package-metering.ts";

/**
 * At clock start (SPEC 18): a session on an order with an active minute package draws
 * minutes instead of blocks, so block 0 is neither the prepaid hold nor a charge; the first
 * thing due is minute 0. Returns the session columns to set, or nothing for a block session.
 */
export async function packageAtClockStart(tx: Transaction, orderId: string, metered: MeteredSession, settings: BillingSettings) {
  const purchase = await lockActivePurchase(tx, orderId);
  if (!purchase) return {};
  return {
    packagePurchaseId: purchase.id,
    packageMinutesLeft: purchase.minutesLeft,
    usesPrepaidBlock: false,
    nextChargeAt: minuteDueAt(metered, 0, settings),
  };
}
