import { and, eq, or, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { appointments, orders } from "../../../db/schema.ts";

/**
 * SPEC 16: a provider and a customer share a documents folder once they have "any order or
 * appointment together". The folder is keyed on the pair of user ids, not on an order, so
 * whatever brought the two together opens the same folder: an order or an appointment (in any
 * status: a booking asked for is dealing enough to send papers ahead), either way round (each may
 * be the other's provider).
 */
export async function pairHasDealings(db: Executor, a: string, b: string): Promise<boolean> {
  if (a === b) return false;
  const [order] = await db
    .select({ found: sql<number>`1` })
    .from(orders)
    .where(
      or(
        and(eq(orders.customerId, a), eq(orders.providerId, b)),
        and(eq(orders.customerId, b), eq(orders.providerId, a)),
      ),
    )
    .limit(1);
  if (order) return true;
  const [appointment] = await db
    .select({ found: sql<number>`1` })
    .from(appointments)
    .where(
      or(
        and(eq(appointments.customerId, a), eq(appointments.providerId, b)),
        and(eq(appointments.customerId, b), eq(appointments.providerId, a)),
      ),
    )
    .limit(1);
  return appointment !== undefined;
}
