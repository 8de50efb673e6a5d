import { and, asc, eq, gt } from "drizzle-orm";
import { consultationSessions, orders, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";

/** The calls ringing for a provider now, oldest first: the badge and list after a reload. */
export async function listWaitingCalls(ctx: AppContext, input: { userId: string }) {
  const rows = await ctx.db
    .select({ session: consultationSessions, customerName: users.name, orderTitle: orders.title })
    .from(consultationSessions)
    .innerJoin(users, eq(users.id, consultationSessions.customerId))
    .innerJoin(orders, eq(orders.id, consultationSessions.orderId))
    .where(
      and(
        eq(consultationSessions.providerId, input.userId),
        eq(consultationSessions.status, "ringing"),
        gt(consultationSessions.ringExpiresAt, ctx.now()),
      ),
    )
    .orderBy(asc(consultationSessions.createdAt));
  return rows.map(({ session, customerName, orderTitle }) => ({
    sessionId: session.id,
    orderId: session.orderId,
    medium: session.medium,
    customerName,
    ringExpiresAt: session.ringExpiresAt.toISOString(),
    orderTitle,
    blockPriceMinor: Number(session.blockPriceMinor),
    blockSeconds: ctx.config.billing.blockSeconds,
  }));
}
