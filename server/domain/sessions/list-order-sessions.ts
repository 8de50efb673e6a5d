import { asc, eq } from "drizzle-orm";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { loadOrderFor } from "../orders/order-access.ts";
import { toSessionView } from "./session-view.ts";

/** SPEC 13 `GET /orders/{id}/sessions`: every call and session of the order, oldest first. */
export async function listOrderSessions(ctx: AppContext, input: { orderId: string; userId: string; isModerator?: boolean }) {
  const order = await loadOrderFor(ctx.db, input.orderId, { id: input.userId, isModerator: input.isModerator }, { moderators: true });
  const rows = await ctx.db
    .select()
    .from(consultationSessions)
    .where(eq(consultationSessions.orderId, order.id))
    .orderBy(asc(consultationSessions.createdAt));
  return rows.map((row) => toSessionView(row, ctx.config));
}
