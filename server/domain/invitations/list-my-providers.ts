import { desc, eq, inArray } from "drizzle-orm";
import { appointments, orders, providerInvitations, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { readLiveStatuses } from "../presence/read-live-statuses.ts";

type Contact = { lastContactAt: Date; orders: number; appointments: number; invited: boolean };

/**
 * SPEC 20 "My providers": the providers a customer has orders, appointments (in any status, as
 * for direct messages) or an invitation with, each with their live status. Most recent contact
 * first.
 */
export async function listMyProviders(ctx: AppContext, input: { userId: string }) {
  const [ordered, booked, invited] = await Promise.all([
    ctx.db
      .select({ providerId: orders.providerId, at: orders.createdAt })
      .from(orders)
      .where(eq(orders.customerId, input.userId))
      .orderBy(desc(orders.createdAt))
      .limit(500),
    ctx.db
      .select({ providerId: appointments.providerId, at: appointments.createdAt })
      .from(appointments)
      .where(eq(appointments.customerId, input.userId))
      .orderBy(desc(appointments.createdAt))
      .limit(500),
    ctx.db
      .select({ providerId: providerInvitations.providerId, at: providerInvitations.createdAt })
      .from(providerInvitations)
      .where(eq(providerInvitations.customerId, input.userId)),
  ]);
  const byProvider = new Map<string, Contact>();
  const contactOf = (providerId: string, at: Date) => {
    const entry = byProvider.get(providerId) ?? { lastContactAt: at, orders: 0, appointments: 0, invited: false };
    if (at > entry.lastContactAt) entry.lastContactAt = at;
    byProvider.set(providerId, entry);
    return entry;
  };
  for (const row of ordered) contactOf(row.providerId, row.at).orders += 1;
  for (const row of booked) contactOf(row.providerId, row.at).appointments += 1;
  for (const row of invited) contactOf(row.providerId, row.at).invited = true;
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
        appointments: entry.appointments,
        invited: entry.invited,
        lastContactAt: entry.lastContactAt.toISOString(),
        live: statuses.find((status) => status.userId === person.id) ?? null,
        chatPath: `/messages/${person.id}`,
      };
    })
    .sort((a, b) => b.lastContactAt.localeCompare(a.lastContactAt));
  return { items };
}
