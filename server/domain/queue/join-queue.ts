import { and, eq } from "drizzle-orm";
import { disputes, ledgerAccounts, queueEntries } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { sqlStateOf } from "../../../db/with-transaction.ts";
import { loadOrderFor } from "../orders/order-access.ts";
import { readProviderLiveFacts, toViewerLiveStatus } from "../presence/read-live-statuses.ts";
import { publishQueueChange } from "./publish-queue-change.ts";
import { readQueueLine } from "./queue-line.ts";

/**
 * "Join the queue" (SPEC 15): possible while the provider is on the site and open but in a
 * session, busy or paused, or reserved for someone ahead. One place per customer per
 * provider, whichever of their orders they join with (a unique index decides races).
 */
export async function joinQueue(ctx: AppContext, input: { orderId: string; userId: string }) {
  const order = await loadOrderFor(ctx.db, input.orderId, { id: input.userId });
  if (order.customerId !== input.userId) throw new AppError("forbidden", "Only the order's customer can join the queue.");
  if (order.type !== "consultation" || !order.medium) throw new AppError("invalid_state", "Only consultation orders have a queue.");
  if (order.status !== "open") throw new AppError("invalid_state", `This is not possible while the order is ${order.status}.`);
  const [dispute] = await ctx.db.select({ id: disputes.id }).from(disputes).where(and(eq(disputes.orderId, order.id), eq(disputes.status, "open")));
  if (dispute) throw new AppError("invalid_state", "An open dispute freezes this order until a moderator resolves it.");

  const now = ctx.now();
  const [fact] = await readProviderLiveFacts(ctx, [order.providerId]);
  if (!fact) throw new AppError("not_found", "There is no such provider.");
  const live = toViewerLiveStatus(fact, { now, viewerId: input.userId, medium: order.medium });
  if (live.callable) throw new AppError("invalid_state", "The provider is free now: start the chat instead.", { details: { callable: true } });
  if (!live.queueOpen) {
    throw new AppError("provider_unavailable", "The queue is open only while the provider is on the site, within open hours, with this channel on.", {
      details: { reason: live.reason, ...(live.opensAt ? { opensAt: live.opensAt } : {}) },
    });
  }
  // Waiting is pointless when the session could not be paid: a later session is charged a block at once.
  if (order.prepaidBlockUsed) {
    const [account] = await ctx.db
      .select({ balanceMinor: ledgerAccounts.balanceMinor })
      .from(ledgerAccounts)
      .where(and(eq(ledgerAccounts.userId, input.userId), eq(ledgerAccounts.kind, "user")));
    const balanceMinor = account?.balanceMinor ?? 0n;
    if (balanceMinor < order.priceMinor) {
      throw new AppError("insufficient_funds", "Your balance does not cover the first block of a session.", {
        details: { shortfallMinor: Number(order.priceMinor - balanceMinor) },
      });
    }
  }

  try {
    await ctx.db.insert(queueEntries).values({
      providerId: order.providerId,
      customerId: input.userId,
      orderId: order.id,
      medium: order.medium,
      joinedAt: now,
    });
  } catch (error) {
    if (sqlStateOf(error) === "23505") throw new AppError("conflict", "You already have a place in this provider's queue.");
    throw error;
  }
  await publishQueueChange(ctx, order.providerId);
  return readPlace(ctx, order.providerId, input.userId);
}

/** The customer's place in the provider's line now, as `GET /me/queue` lists it. */
export async function readPlace(ctx: AppContext, providerId: string, customerId: string) {
  const { line } = await readQueueLine(ctx.db, providerId, { blockSeconds: ctx.config.billing.blockSeconds, now: ctx.now() });
  const entry = line.find((item) => item.customerId === customerId);
  if (!entry) throw new AppError("not_found", "You are not in this provider's queue.");
  return toPlace(entry, line.length);
}

export function toPlace(entry: Awaited<ReturnType<typeof readQueueLine>>["line"][number], length: number) {
  return {
    orderId: entry.orderId,
    providerId: entry.providerId,
    status: entry.status as "waiting" | "turn",
    place: entry.place,
    length,
    etaSeconds: entry.etaSeconds,
    joinedAt: entry.joinedAt.toISOString(),
    ...(entry.turnExpiresAt ? { turnExpiresAt: entry.turnExpiresAt.toISOString() } : {}),
  };
}
