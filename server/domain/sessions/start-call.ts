import { and, eq } from "drizzle-orm";
import { consultationSessions, orders, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { readUserBalanceMinor } from "../ledger/ledger-accounts.ts";
import { sqlStateOf, withTransaction } from "../ledger/with-transaction.ts";
import { loadOrderFor, refuseIfDisputed } from "../orders/order-access.ts";
import { readLiveStatus } from "../presence/read-live-statuses.ts";
import { toSessionView } from "./session-view.ts";

/**
 * "Start chat" (SPEC 5): the customer rings the provider of an open consultation order.
 * Only while the provider is on the site, Available and not in a session; one call per
 * order at a time (a unique index decides races between two tabs).
 */
export async function startCall(ctx: AppContext, input: { orderId: string; userId: string }) {
  const order = await loadOrderFor(ctx.db, input.orderId, { id: input.userId });
  if (order.customerId !== input.userId) throw new AppError("forbidden", "Only the order's customer can start a session.");
  const { medium } = order;
  if (order.type !== "consultation" || !medium) throw new AppError("invalid_state", "Only consultation orders have sessions.");
  if (order.status !== "open") throw new AppError("invalid_state", `This is not possible while the order is ${order.status}.`);
  await refuseIfDisputed(ctx.db, order.id);

  const provider = await readLiveStatus(ctx, order.providerId);
  if (!provider?.callable) {
    throw new AppError("provider_unavailable", "The provider can be called only while on the site with status Available.", {
      details: { online: provider?.online ?? false, status: provider?.status ?? "not_set" },
    });
  }
  // A later session is charged a block from its first second: without it the call is pointless.
  if (order.prepaidBlockUsed) {
    const balanceMinor = await readUserBalanceMinor(ctx.db, order.customerId);
    if (balanceMinor < order.priceMinor) {
      throw new AppError("insufficient_funds", "Your balance does not cover the first block of this session.", {
        details: { shortfallMinor: Number(order.priceMinor - balanceMinor) },
      });
    }
  }

  const now = ctx.now();
  let row;
  try {
    row = await withTransaction(ctx.db, async (tx) => {
      // The shared lock waits for a cancel or close in flight, and makes them wait for
      // this call, so a call never rings on an order that is no longer open.
      const [stillOpen] = await tx
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.id, order.id), eq(orders.status, "open")))
        .for("share");
      if (!stillOpen) throw new AppError("invalid_state", "This order is no longer open.");
      const [inserted] = await tx
        .insert(consultationSessions)
        .values({
          orderId: order.id,
          customerId: order.customerId,
          providerId: order.providerId,
          medium,
          blockPriceMinor: order.priceMinor,
          ringExpiresAt: new Date(now.getTime() + ctx.config.callRingSeconds * 1000),
          createdAt: now,
        })
        .returning();
      return inserted;
    });
  } catch (error) {
    if (sqlStateOf(error) === "23505") throw new AppError("conflict", "A call for this order is already ringing or in progress.");
    throw error;
  }
  if (!row) throw new Error("insert returned no row");

  const [customer] = await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, order.customerId));
  ctx.live.toUser(order.providerId, "call:ringing", {
    sessionId: row.id,
    orderId: order.id,
    medium: row.medium,
    customerName: customer?.name ?? "",
    ringExpiresAt: row.ringExpiresAt.toISOString(),
  });
  return toSessionView(row, ctx.config);
}
