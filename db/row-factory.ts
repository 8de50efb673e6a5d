import type { orders, tweeps, users } from "./schema.ts";

// One place that knows what a complete row looks like, for everything that writes rows
// straight into the database instead of through the API: the demo seed, the benches and
// the tests. A schema change then needs one edit here, not one per copy. Each builder
// takes overrides for whatever the caller cares about.

export type UserInsert = typeof users.$inferInsert;
export type TweepInsert = typeof tweeps.$inferInsert;
export type OrderInsert = typeof orders.$inferInsert;

/** An account with a phone (all the schema requires); no password, so nobody logs in as it. */
export function userRow(phone: string, overrides: Partial<UserInsert> = {}): UserInsert {
  return { phone, ...overrides };
}

/** A published tweep as the catalog lists it; by default an English consultation without prices. */
export function publishedTweepRow(providerId: string, overrides: Partial<TweepInsert> = {}): TweepInsert {
  return {
    providerId,
    type: "consultation",
    status: "published",
    languages: ["en"],
    title: { en: "Live advice" },
    description: { en: "Ask me anything" },
    category: "it",
    publishedAt: new Date(),
    ...overrides,
  };
}

/** An open consultation order of `tweep` by `customerId`, at the tweep's block price. */
export function openConsultationOrderRow(
  tweep: { id: string; providerId: string; title: TweepInsert["title"] },
  customerId: string,
  priceMinor: bigint,
  overrides: Partial<OrderInsert> = {},
): OrderInsert {
  return {
    tweepId: tweep.id,
    type: "consultation",
    medium: "video",
    status: "open",
    customerId,
    providerId: tweep.providerId,
    priceMinor,
    title: tweep.title,
    ...overrides,
  };
}
