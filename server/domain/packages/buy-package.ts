import { createHash } from "node:crypto";
import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { readUserBalanceMinor } from "../ledger/ledger-accounts.ts";
import { toPurchaseView } from "./package-view.ts";
import { purchasePackage } from "./purchase-package.ts";

/** The purchase's id from (customer, request key): a retried POST finds the same purchase and pays once. */
function purchaseIdFor(customerId: string, requestKey: string): string {
  const hex = createHash("sha256").update(`package-purchase:${customerId}:${requestKey}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `POST /orders/{id}/packages`: the customer buys an approved package on their open order (SPEC 18). */
export async function buyPackage(ctx: AppContext, input: { customerId: string; orderId: string; packageId: string; autoRenew: boolean; requestKey: string }) {
  const { purchase, created } = await withTransaction(ctx.db, (tx) =>
    purchasePackage(tx, ctx.config, {
      id: purchaseIdFor(input.customerId, input.requestKey),
      orderId: input.orderId,
      packageId: input.packageId,
      customerId: input.customerId,
      autoRenew: input.autoRenew,
      at: ctx.now(),
    }),
  );
  if (created) {
    const balanceMinor = Number(await readUserBalanceMinor(ctx.db, input.customerId));
    ctx.live.toUser(input.customerId, "wallet:updated", { balanceMinor });
  }
  return { purchase: toPurchaseView(purchase), created };
}
