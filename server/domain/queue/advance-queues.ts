import { and, eq, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { queueEntries, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { isOpenAt } from "../availability/open-hours.ts";
import { decideCallability } from "../presence/decide-callability.ts";
import { readProviderLiveFacts } from "../presence/read-live-statuses.ts";
import { closeQueue, type QueueCloseReason } from "./close-queue.ts";
import { giveTurn } from "./give-turn.ts";
import { publishQueueChange, type QueueExit } from "./publish-queue-change.ts";
import { ACTIVE_QUEUE_STATUSES } from "./queue-line.ts";

/**
 * The queue loop (SPEC 15), safe to run in every process at once (each step is a guarded
 * update): turns not used in time pass on, places on orders no longer open end, queues
 * close when open hours end, on Not set or after the provider has been away too long, and
 * a free provider's first waiting customer gets the turn.
 */
export async function advanceQueues(ctx: AppContext) {
  const now = ctx.now();
  const expired = await ctx.db
    .update(queueEntries)
    .set({ status: "expired", endedAt: now })
    .where(and(eq(queueEntries.status, "turn"), lte(queueEntries.turnExpiresAt, now)))
    .returning();
  const stale = await ctx.db
    .update(queueEntries)
    .set({ status: "left", endedAt: now })
    .where(
      and(
        inArray(queueEntries.status, [...ACTIVE_QUEUE_STATUSES]),
        sql`${queueEntries.orderId} in (select o.id from orders o where o.status <> 'open')`,
      ),
    )
    .returning();
  const exits = new Map<string, QueueExit[]>();
  for (const entry of [...expired, ...stale]) {
    const list = exits.get(entry.providerId) ?? [];
    list.push({ customerId: entry.customerId, orderId: entry.orderId, status: entry.status as "expired" | "left" });
    exits.set(entry.providerId, list);
  }

  const waiting = await ctx.db
    .selectDistinct({ providerId: queueEntries.providerId })
    .from(queueEntries)
    .where(inArray(queueEntries.status, [...ACTIVE_QUEUE_STATUSES]));
  const facts = await readProviderLiveFacts(ctx, waiting.map((row) => row.providerId));
  let turns = 0;
  let closed = 0;
  for (const fact of facts) {
    const closeReason = await findCloseReason(ctx, fact, now);
    if (closeReason) {
      closed += (await closeQueue(ctx, { providerId: fact.userId, reason: closeReason })).closed;
      continue;
    }
    const free = decideCallability(fact, { now }).callable;
    if (free && (await giveTurn(ctx, fact.userId))) turns += 1;
  }
  for (const [providerId, list] of exits) await publishQueueChange(ctx, providerId, list);
  return { expired: expired.length, left: stale.length, turns, closed };
}

async function findCloseReason(
  ctx: AppContext,
  fact: Awaited<ReturnType<typeof readProviderLiveFacts>>[number],
  now: Date,
): Promise<QueueCloseReason | null> {
  if (fact.chosen === "not_set") return "not_set";
  if (!isOpenAt(fact.grid, now)) return "outside_hours";
  if (fact.online) {
    await ctx.db.update(users).set({ queueOfflineSince: null }).where(and(eq(users.id, fact.userId), isNotNull(users.queueOfflineSince)));
    return null;
  }
  // Away: remember since when (in the database, so every process and a restart agree).
  await ctx.db.update(users).set({ queueOfflineSince: now }).where(and(eq(users.id, fact.userId), isNull(users.queueOfflineSince)));
  const [row] = await ctx.db.select({ since: users.queueOfflineSince }).from(users).where(eq(users.id, fact.userId));
  const since = row?.since ?? now;
  return now.getTime() - since.getTime() >= ctx.config.queue.offlineCloseSeconds * 1000 ? "offline" : null;
}
