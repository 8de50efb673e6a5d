import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { orders, queueEntries, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { listFreeSlots } from "../appointments/list-free-slots.ts";
import { notifyUsers } from "../notifications/notify-users.ts";
import { publishQueueChange } from "./publish-queue-change.ts";
import { ACTIVE_QUEUE_STATUSES } from "./queue-line.ts";

const FREE_TIMES_OFFERED = 3;

export type QueueCloseReason = "outside_hours" | "not_set" | "offline" | "declined";

/**
 * The queue closes (SPEC 15): at the end of open hours, when the provider chooses Not set or
 * has been off the site too long, or when they decline everyone at once. Every waiting
 * customer is declined together and told where to find the provider again: "Book a time"
 * on the tweep when the provider has open hours (and so takes appointments, SPEC 16),
 * otherwise their page.
 */
export async function closeQueue(ctx: AppContext, input: { providerId: string; reason: QueueCloseReason }) {
  const now = ctx.now();
  const closed = await ctx.db
    .update(queueEntries)
    .set({ status: "closed", endedAt: now })
    .where(and(eq(queueEntries.providerId, input.providerId), inArray(queueEntries.status, [...ACTIVE_QUEUE_STATUSES])))
    .returning();
  await ctx.db
    .update(users)
    .set({ queueOfflineSince: null })
    .where(and(eq(users.id, input.providerId), isNotNull(users.queueOfflineSince)));
  if (closed.length === 0) return { closed: 0 };
  await publishQueueChange(
    ctx,
    input.providerId,
    closed.map((entry) => ({ customerId: entry.customerId, orderId: entry.orderId, status: "closed" as const, reason: input.reason })),
  );
  const [provider] = await ctx.db.select({ name: users.name, hours: users.availabilityHours }).from(users).where(eq(users.id, input.providerId));
  // SPEC 16: a provider with open hours takes appointments: the message offers "Book a time"
  // on the tweep the customer was waiting for.
  const bookable = (provider?.hours.length ?? 0) > 0;
  const tweepOf = new Map(
    bookable ? (await ctx.db.select({ id: orders.id, tweepId: orders.tweepId }).from(orders).where(inArray(orders.id, closed.map((entry) => entry.orderId)))).map((row) => [row.id, row.tweepId]) : [],
  );
  for (const entry of closed) {
    const tweepId = tweepOf.get(entry.orderId);
    // The offer names the provider's next free times for a one-block appointment, in the
    // customer's zone (SPEC 15 "Closing": "in one of the provider's next free slots").
    const free = tweepId ? await listFreeSlots(ctx, { providerId: input.providerId, viewerId: entry.customerId, blocks: 1 }) : null;
    const freeTimes = (free?.slots ?? []).slice(0, FREE_TIMES_OFFERED).map((slot) => slot.local.replace("T", " "));
    await notifyUsers(ctx, [entry.customerId], {
      kind: "queue_closed",
      orderId: entry.orderId,
      title: {},
      providerName: provider?.name ?? "",
      reason: input.reason,
      providerUrl: `${ctx.config.siteUrl}/providers/${input.providerId}`,
      ...(tweepId ? { bookUrl: `${ctx.config.siteUrl}/tweeps/${tweepId}#book-a-time` } : {}),
      ...(free && freeTimes.length > 0 ? { freeTimes, timeZone: free.timeZone } : {}),
    });
  }
  return { closed: closed.length };
}
