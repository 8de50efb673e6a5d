import { desc, eq } from "drizzle-orm";
import { tweeps, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";

const PAGE_SIZE = 50;

/** The newest published tweeps with their provider's name: the catalog's first page. */
export async function listPublishedTweeps(ctx: AppContext) {
  const rows = await ctx.db
    .select({ tweep: tweeps, providerName: users.name })
    .from(tweeps)
    .innerJoin(users, eq(users.id, tweeps.providerId))
    .where(eq(tweeps.status, "published"))
    .orderBy(desc(tweeps.publishedAt))
    .limit(PAGE_SIZE);
  return { items: rows.map(({ tweep, providerName }) => toPublicTweep(tweep, providerName)), total: rows.length };
}

export function toPublicTweep(tweep: typeof tweeps.$inferSelect, providerName: string) {
  const optionalMinor = (value: bigint | null) => (value === null ? undefined : Number(value));
  return {
    id: tweep.id,
    type: tweep.type,
    status: tweep.status,
    languages: tweep.languages as ("ru" | "en")[],
    title: tweep.title,
    description: tweep.description,
    category: tweep.category,
    videoPriceMinor: optionalMinor(tweep.videoPriceMinor),
    textPriceMinor: optionalMinor(tweep.textPriceMinor),
    priceMinor: optionalMinor(tweep.priceMinor),
    links: tweep.links ?? undefined,
    providerId: tweep.providerId,
    providerName,
  };
}
