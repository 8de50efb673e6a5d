import { and, desc, eq } from "drizzle-orm";
import { orders } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import {
  availableActions,
  readHeldByOrder,
  readOpenDisputeIds,
  readReviewedOrderIds,
  readSaleAmounts,
  toPublicOrder,
} from "./order-view.ts";

const PAGE_SIZE = 200;

/**
 * "My orders" (as customer) and "My sales" (as provider, with gross, commission and net per
 * sale); with `tweepId`, only those of one tweep (the tweep page's link to one's open order).
 */
export async function listOrders(ctx: AppContext, input: { userId: string; as: "customer" | "provider"; tweepId?: string }) {
  const column = input.as === "customer" ? orders.customerId : orders.providerId;
  const rows = await ctx.db
    .select()
    .from(orders)
    .where(and(eq(column, input.userId), input.tweepId ? eq(orders.tweepId, input.tweepId) : undefined)).orderBy(desc(orders.createdAt)).limit(PAGE_SIZE);
  const ids = rows.map((row) => row.id);
  const [held, open, reviewed, sales] = await Promise.all([
    readHeldByOrder(ctx.db, ids),
    readOpenDisputeIds(ctx.db, ids),
    readReviewedOrderIds(ctx.db, ids),
    input.as === "provider" ? readSaleAmounts(ctx.db, input.userId, ids) : Promise.resolve(undefined),
  ]);
  return {
    items: rows.map((order) => {
      const openDisputeId = open.get(order.id) ?? null;
      const view = toPublicOrder(order, {
        heldMinor: held.get(order.id) ?? 0n,
        openDisputeId,
        actions: availableActions(order, input.userId, { openDisputeId, reviewed: reviewed.has(order.id) }),
      });
      if (!sales) return view;
      const sale = sales.get(order.id) ?? { grossMinor: 0n, commissionMinor: 0n, netMinor: 0n };
      return {
        ...view,
        grossMinor: Number(sale.grossMinor),
        commissionMinor: Number(sale.commissionMinor),
        netMinor: Number(sale.netMinor),
      };
    }),
  };
}
