import { desc, eq, inArray } from "drizzle-orm";
import { orders, providerInvitations, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { readLiveStatuses } from "../presence/read-live-statuses.ts";

/**
 * SPEC 20 "My providers": the providers a customer has orders or an invitation with (and,
 * once they exist, appointments), each with their live status. Most recent contact first.
 */
export async function listMyProviders(ctx: AppContext, input: { userId: string }) {
  const [ordered, invited] = await Promise.all([
    ctx.db
      .select({ providerId: orders.providerId, at: orders.createdAt })
      .from(orders)
      .where(eq(orders.customerId, input.userId))
      .orderBy(desc(orders.createdAt))
      .limit(500),
    ctx.db
      .select({ providerId: providerInvitations.providerId, at: providerInvitations.createdAt })
      .from(providerInvitations)
      .where(eq(providerInvitations.customerId, input.userId)),
  ]);
  const byProvider = new Map<string, { lastContactAt: Date; orders: number; invited: boolean }>();
  for (const row of ordered) {
    const entry = byProvider.get(row.providerId) ?? { lastContactAt: row.at, orders: 0, invited: false };
    entry.orders += 1;
    if (row.at > entry.lastContactAt) entry.lastContactAt = row.at;
    byProvider.set(row.providerId, entry);
  }
  for (const row of invited) {
    const entry = byProvider.get(row.providerId) ?? { lastContactAt: row.at, orders: 0, invited: true };
    entry.invited = true;
    if (row.at > entry.lastContactAt) entry.lastContactAt = row.at;
    byProvider.set(row.providerId, entry);
  }
  const ids = [...byProvider.keys()];
  if (ids.length === 0) return { items: [] };
  const [people, statuses] = await Promise.all([
    ctx.db.select({ id: users.id, name: users.name, deletedAt: users.deletedAt }).from(users).where(inArray(users.id, ids)),
    readLiveStatuses(ctx, ids),
  ]);
  const items = people
    .filter((person) => !person.deletedAt)
    .map((person) => {
      const entry = byProvider.get(person.id)!;
      return {
        id: person.id,
        name: person.name,
        orders: entry.orders,
        invited: entry.invited,
        lastContactAt: entry.lastContactAt.toISOString(),
        live: statuses.find((status) => status.userId === person.id) ?? null,
        chatPath: `/messages/${person.id}`,
      };
    })
    .sort((a, b) => b.lastContactAt.localeCompare(a.lastContactAt));
  return { items };
}
