import { desc, eq, or } from "drizzle-orm";
import { disputes, orders } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { toPublicDispute } from "./dispute-access.ts";

/** "Disputes and complaints": disputes on orders where the user is customer or provider, newest first. */
export async function listMyDisputes(ctx: AppContext, input: { userId: string }) {
  const rows = await ctx.db
    .select({ dispute: disputes, order: orders })
    .from(disputes)
    .innerJoin(orders, eq(orders.id, disputes.orderId))
    .where(or(eq(orders.customerId, input.userId), eq(orders.providerId, input.userId)))
    .orderBy(desc(disputes.createdAt))
    .limit(200);
  return { items: rows.map((row) => toPublicDispute(row.dispute, row.order)) };
}
