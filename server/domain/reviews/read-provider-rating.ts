import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { appointments, orders, reviews } from "../../../db/schema.ts";

/** An appointment the provider cancelled, or did not show up to (SPEC 16). */
const providerRefusedAppointment = sql`((${appointments.status} = 'cancelled' AND ${appointments.cancelledBy} = 'provider') OR (${appointments.status} = 'no_show' AND ${appointments.noShowParty} = 'provider'))`;

export type ProviderRating = {
  /** Rounded to two decimals; null while the provider has neither reviews nor refusals. */
  ratingAverage: number | null;
  ratingCount: number;
  refusals: number;
};

/**
 * The provider's rating (SPEC 3 sort, SPEC 6 "a refusal counts against the rating"):
 *
 *   ratingAverage = (sum of review ratings + 1 × refusals) / (number of reviews + refusals)
 *
 * i.e. every refused work order counts as a one-star review. Refusals are work orders in
 * status `refused`, which only the provider's own refusal produces (a moderator's refund
 * ends an order as `cancelled`). Simple, explainable to a provider, and each refusal pulls
 * the average towards 1 exactly as much as a one-star review would.
 *
 * Reviews are the customers' (of work, files and consultation sessions; a provider's review
 * of a customer never rates the provider), counted from the instant they are shown: a
 * double-blind session review (SPEC 18) moving the average early would give it away.
 */
export async function readProviderRating(db: Executor, providerId: string, now: Date): Promise<ProviderRating> {
  const [reviewed] = await db
    .select({ count: sql<number>`count(*)::int`, sum: sql<number>`COALESCE(SUM(${reviews.rating}), 0)::int` })
    .from(reviews)
    .where(and(eq(reviews.providerId, providerId), ratesProvider(now)));
  const [refused] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(orders)
    .where(and(eq(orders.providerId, providerId), eq(orders.status, "refused")));
  // SPEC 16: an appointment the provider cancelled or did not show up to counts as a refusal.
  const [appointmentRefusals] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(appointments)
    .where(and(eq(appointments.providerId, providerId), providerRefusedAppointment));
  return rateProvider(reviewed?.sum ?? 0, reviewed?.count ?? 0, (refused?.count ?? 0) + (appointmentRefusals?.count ?? 0));
}

/**
 * The same formula in SQL, per provider, for the catalog's rating sort: the average over
 * every review's rating and a 1 for every refusal. Columns: provider_id, average, total.
 */
export const providerRatingsSql = (now: Date) => sql`(
  SELECT provider_id, avg(score) AS average, (count(*) FILTER (WHERE is_review))::int AS total
  FROM (
    SELECT ${reviews.providerId} AS provider_id, ${reviews.rating} AS score, true AS is_review FROM ${reviews} WHERE ${ratesProvider(now)}
    UNION ALL
    SELECT ${orders.providerId}, 1, false FROM ${orders} WHERE ${orders.status} = 'refused'
    UNION ALL
    SELECT ${appointments.providerId}, 1, false FROM ${appointments} WHERE ${providerRefusedAppointment}
  ) AS scores
  GROUP BY provider_id)`;

/** A review that counts in its provider's rating at `now`: written by the customer, and shown. */
export function ratesProvider(now: Date): SQL {
  return sql`(${reviews.authorRole} = 'customer' AND (${reviews.revealAt} IS NULL OR ${reviews.revealAt} <= ${now.toISOString()}::timestamptz))`;
}

/** Rounds an average read from SQL the way `rateProvider` does. */
export function toRatingFields(average: string | number | null, total: number | string) {
  return {
    ratingAverage: average === null ? null : Math.round(Number(average) * 100) / 100,
    ratingCount: Number(total),
  };
}

export function rateProvider(ratingSum: number, ratingCount: number, refusals: number): ProviderRating {
  const weight = ratingCount + refusals;
  const ratingAverage = weight === 0 ? null : Math.round(((ratingSum + refusals) / weight) * 100) / 100;
  return { ratingAverage, ratingCount, refusals };
}
