import { and, desc, eq } from "drizzle-orm";
import { orders, packagePurchases, tweepPackages } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { toPackageOffer, toPurchaseView } from "./package-view.ts";

/**
 * `GET /orders/{id}/packages`: for either party, the packages the order's tweep offers
 * (approved ones) and the packages bought on the order, newest first.
 */
export async function listOrderPackages(ctx: AppContext, input: { orderId: string; userId: string }) {
  const [order] = await ctx.db.select().from(orders).where(eq(orders.id, input.orderId));
  if (!order || (order.customerId !== input.userId && order.providerId !== input.userId)) throw new AppError("not_found", "There is no such order.");
  const offered = order.type === "consultation"
    ? await ctx.db.select().from(tweepPackages).where(and(eq(tweepPackages.tweepId, order.tweepId), eq(tweepPackages.status, "approved"))).orderBy(tweepPackages.minutes)
    : [];
  const bought = await ctx.db.select().from(packagePurchases).where(eq(packagePurchases.orderId, order.id)).orderBy(desc(packagePurchases.createdAt)).limit(100);
  return { offered: offered.map(toPackageOffer), purchases: bought.map(toPurchaseView) };
}
