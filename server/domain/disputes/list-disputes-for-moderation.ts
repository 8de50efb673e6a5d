import { asc, desc, eq, sql } from "drizzle-orm";
import { disputes, orders } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { toPublicDispute } from "./dispute-access.ts";

/** SPEC 10 queue: open disputes first, oldest first; then the resolved ones, newest first. */
export async function listDisputesForModeration(ctx: AppContext, input: { status?: "open" | "resolved" } = {}) {
  let query = ctx.db
    .select({ dispute: disputes, order: orders })
    .from(disputes)
    .innerJoin(orders, eq(orders.id, disputes.orderId))
    .$dynamic();
  if (input.status) query = query.where(eq(disputes.status, input.status));
  const rows = await query
    .orderBy(
      sql`CASE WHEN ${disputes.status} = 'open' THEN 0 ELSE 1 END`,
      sql`CASE WHEN ${disputes.status} = 'open' THEN ${disputes.createdAt} END ASC`,
      desc(disputes.resolvedAt),
      asc(disputes.id),
    )
    .limit(500);
  return { items: rows.map((row) => toPublicDispute(row.dispute, row.order)) };
}
