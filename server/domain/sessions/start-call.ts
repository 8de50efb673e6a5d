import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { consultationSessions, disputes, ledgerAccounts, orders, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { sqlStateOf } from "../../../db/with-transaction.ts";
import { decideCallability } from "../presence/decide-callability.ts";
import { takeQueueTurn } from "../queue/take-queue-turn.ts";
import { toSessionView } from "./session-view.ts";

const providers = alias(users, "provider");
const providerLiveSessions = alias(consultationSessions, "provider_live_session");
const customers = alias(users, "customer");

/**
 * "Start chat" (SPEC 5): the customer rings the provider of an open consultation order.
 * Only while the provider is on the site, Available and not in a session; one call per
 * order at a time (a unique index decides races between two tabs).
 *
 * Calls are set up by the thousand per second, and each database round trip costs more
 * than the query it carries: everything the checks need is read in one query, and the
 * ringing call is inserted in one guarded statement.
 */
export async function startCall(ctx: AppContext, input: { orderId: string; userId: string; retryOfId?: string }) {
  const [found] = await ctx.db
    .select({
      order: orders,
      disputeId: disputes.id,
      providerChosen: providers.providerStatus,
      // SPEC 15: pause, channels, open hours and the waiting list gate the call too.
      providerPausedUntil: providers.pausedUntil,
      providerVideoOn: providers.videoCallsOn,
      providerTextOn: providers.textChatsOn,
      providerHours: providers.availabilityHours,
      providerGridZone: sql<string>`coalesce(${providers.availabilityTimeZone}, ${providers.timeZone})`,
      queueHead: sql<string | null>`(select q.customer_id from queue_entries q where q.provider_id = ${orders.providerId} and q.status in ('waiting', 'turn') order by q.status = 'turn' desc, q.joined_at, q.id limit 1)`,
      providerLiveSessionId: providerLiveSessions.id,
      customerName: customers.name,
      customerBalanceMinor: ledgerAccounts.balanceMinor,
    })
    .from(orders)
    .innerJoin(providers, eq(providers.id, orders.providerId))
    .innerJoin(customers, eq(customers.id, orders.customerId))
    // Each left join finds at most one row: unique indexes allow one open dispute per
    // order, one live session per provider and one account per user.
    .leftJoin(disputes, and(eq(disputes.orderId, orders.id), eq(disputes.status, "open")))
    .leftJoin(providerLiveSessions, and(eq(providerLiveSessions.providerId, orders.providerId), eq(providerLiveSessions.status, "live")))
    .leftJoin(ledgerAccounts, and(eq(ledgerAccounts.userId, orders.customerId), eq(ledgerAccounts.kind, "user")))
    .where(eq(orders.id, input.orderId));
  // Strangers get the same 404 as for an order that does not exist, so ids cannot be probed.
  if (!found || (found.order.customerId !== input.userId && found.order.providerId !== input.userId)) {
    throw new AppError("not_found", "There is no such order.");
  }
  const { order } = found;
  if (order.customerId !== input.userId) throw new AppError("forbidden", "Only the order's customer can start a session.");
  const { medium } = order;
  if (order.type !== "consultation" || !medium) throw new AppError("invalid_state", "Only consultation orders have sessions.");
  if (order.status !== "open") throw new AppError("invalid_state", `This is not possible while the order is ${order.status}.`);
  if (found.disputeId) {
    throw new AppError("invalid_state", "An open dispute freezes this order's money until a moderator resolves it.", {
      details: { openDisputeId: found.disputeId },
    });
  }

  const now = ctx.now();
  const online = (await ctx.presence.onlineAmong([order.providerId], now)).has(order.providerId);
  const provider = decideCallability(
    {
      online,
      chosen: found.providerChosen,
      inSession: found.providerLiveSessionId !== null,
      pausedUntil: found.providerPausedUntil,
      channels: { video: found.providerVideoOn, text: found.providerTextOn },
      grid: { hours: found.providerHours, timeZone: found.providerGridZone },
    },
    { now, medium },
  );
  // While customers wait in line, only the first (holding the turn or next to get it) may call.
  const reserved = provider.callable && found.queueHead !== null && found.queueHead !== input.userId;
  if (!provider.callable || reserved) {
    throw new AppError("provider_unavailable", "The provider can be called only while on the site with status Available.", {
      details: { online, status: found.providerChosen, reason: provider.reason ?? "busy", ...(provider.opensAt ? { opensAt: provider.opensAt } : {}), queueOpen: reserved || provider.queueOpen },
    });
  }
  // A later session is charged a block from its first second: without it the call is pointless.
  if (order.prepaidBlockUsed) {
    const balanceMinor = found.customerBalanceMinor ?? 0n;
    if (balanceMinor < order.priceMinor) {
      throw new AppError("insufficient_funds", "Your balance does not cover the first block of this session.", {
        details: { shortfallMinor: Number(order.priceMinor - balanceMinor) },
      });
    }
  }

  let row;
  try {
    [row] = await ctx.db
      .insert(consultationSessions)
      .values({
        // The shared lock waits for a cancel or close in flight, and makes them wait for
        // this call, so a call never rings on an order that is no longer open; when it no
        // longer is, the subquery is null and the NOT NULL constraint refuses the row.
        // queue_lets_call (a migration's function) repeats the line check under a lock per
        // provider that giving a turn takes too: a turn given by another process since the
        // read above is seen here, and refused with TWQ01.
        orderId: sql`(select ${orders.id} from ${orders} where ${orders.id} = ${order.id} and ${orders.status} = 'open' and queue_lets_call(${order.providerId}::uuid, ${order.customerId}::uuid) for share)`,
        customerId: order.customerId,
        providerId: order.providerId,
        medium,
        blockPriceMinor: order.priceMinor,
        ringExpiresAt: new Date(now.getTime() + ctx.config.callRingSeconds * 1000),
        retryOfId: input.retryOfId ?? null,
        createdAt: now,
      })
      .returning();
  } catch (error) {
    const state = sqlStateOf(error);
    if (state === "23505") throw new AppError("conflict", "A call for this order is already ringing or in progress.");
    if (state === "23502") throw new AppError("invalid_state", "This order is no longer open.");
    if (state === "TWQ01") {
      throw new AppError("provider_unavailable", "The provider can be called only while on the site with status Available.", {
        details: { online, status: found.providerChosen, reason: "busy", queueOpen: true },
      });
    }
    throw error;
  }
  if (!row) throw new Error("insert returned no row");

  if (found.queueHead === input.userId) await takeQueueTurn(ctx, { providerId: order.providerId, customerId: input.userId });
  ctx.live.toUser(order.providerId, "call:ringing", {
    sessionId: row.id,
    orderId: order.id,
    medium: row.medium,
    customerName: found.customerName,
    ringExpiresAt: row.ringExpiresAt.toISOString(),
    orderTitle: order.title,
    blockPriceMinor: Number(row.blockPriceMinor),
    blockSeconds: ctx.config.billing.blockSeconds,
  });
  return toSessionView(row, ctx.config);
}
