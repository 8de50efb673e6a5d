import { and, asc, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import { consultationSessions, tweeps, users, providerProfiles } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { readLiveStatuses } from "../presence/read-live-statuses.ts";
import { toPublicTweep } from "../tweeps/public-tweep.ts";
import { type Language, tweepRowColumns, type TweepType } from "../tweeps/tweep-content.ts";
import { providerRatingsSql, toRatingFields } from "../reviews/read-provider-rating.ts";
import { approvedPhoto, approvedPhotoOn, shortProfileColumns, toShortProfile } from "../profiles/short-profile.ts";

export const catalogSorts = ["relevance", "rating", "price_asc", "price_desc", "newest"] as const;
export const MAX_PAGE_SIZE = 50;

export type CatalogQuery = {
  q?: string;
  type?: TweepType;
  category?: string;
  lang?: Language;
  minPrice?: number;
  maxPrice?: number;
  availableNow?: boolean;
  /** SPEC 20: the tweep's region, or its provider's when the tweep names none; any case. */
  region?: string;
  /** Not a public filter: the provider page lists one provider's tweeps. */
  providerId?: string;
  sort?: (typeof catalogSorts)[number];
  page?: number;
  pageSize?: number;
};

// The stored, GIN-indexed document (db/schema.ts): Russian and English stemmed apart.
const searchDocument = tweeps.searchDocument;

// What a customer pays at least: a consultation's cheaper block price (least() skips null).
const effectivePrice = sql`coalesce(${tweeps.priceMinor}, least(${tweeps.videoPriceMinor}, ${tweeps.textPriceMinor}))`;

const ratingAverage = sql<string | null>`provider_rating.average`;
const ratingCount = sql<number | null>`provider_rating.total`;

/**
 * SPEC 3's "Find tweep": only published tweeps, full-text search in both languages,
 * filters, sorts and pages. "Available now" is the provider's chosen status joined with
 * their presence on the site and the absence of a live session (below).
 */
/**
 * A query of stop words only ("the", "и", "в") parses to an empty tsquery, which matches
 * nothing; such a query is treated as no query, so the visitor sees the whole catalog.
 * Either dictionary finding nothing is enough: "и" is a stop word in Russian only, and the
 * English parser would otherwise keep it as a word that no Russian document vector holds.
 */
async function hasSearchWords(ctx: AppContext, q: string): Promise<boolean> {
  const result = await ctx.db.execute(
    sql`SELECT numnode(websearch_to_tsquery('russian', ${q})) AS ru, numnode(websearch_to_tsquery('english', ${q})) AS en`,
  );
  const [counts] = (result as unknown as { rows: { ru: number; en: number }[] }).rows;
  return Number(counts?.ru) > 0 && Number(counts?.en) > 0;
}

export async function searchCatalog(ctx: AppContext, query: CatalogQuery) {
  const page = query.page ?? 1;
  const pageSize = Math.min(query.pageSize ?? 20, MAX_PAGE_SIZE);
  const q = query.q?.trim() || undefined;
  const tsQuery = q && (await hasSearchWords(ctx, q)) ? sql`(websearch_to_tsquery('russian', ${q}) || websearch_to_tsquery('english', ${q}))` : undefined;

  const conditions: (SQL | undefined)[] = [
    eq(tweeps.status, "published"),
    tsQuery ? sql`${searchDocument} @@ ${tsQuery}` : undefined,
    query.type ? eq(tweeps.type, query.type) : undefined,
    query.category ? eq(tweeps.category, query.category) : undefined,
    query.lang ? sql`${query.lang} = ANY(${tweeps.languages})` : undefined,
    query.minPrice !== undefined ? gte(effectivePrice, query.minPrice) : undefined,
    query.maxPrice !== undefined ? lte(effectivePrice, query.maxPrice) : undefined,
    // "Available now" (SPEC 9): Available, on the site, and not in a session.
    query.availableNow ? eq(users.providerStatus, "available") : undefined,
    query.availableNow ? sql`${users.id} = ANY(${await onlineProviderIds(ctx)}::uuid[])` : undefined,
    query.availableNow
      ? sql`NOT EXISTS (SELECT 1 FROM ${consultationSessions} WHERE ${consultationSessions.providerId} = ${users.id} AND ${consultationSessions.status} = 'live')`
      : undefined,
    query.providerId ? eq(tweeps.providerId, query.providerId) : undefined,
    query.region
      ? sql`lower(coalesce(${tweeps.region}, (SELECT ${providerProfiles.region} FROM ${providerProfiles} WHERE ${providerProfiles.userId} = ${tweeps.providerId}))) = lower(${query.region})`
      : undefined,
  ];
  const where = and(...conditions);

  const sort = query.sort === "relevance" && !tsQuery ? "newest" : (query.sort ?? (tsQuery ? "relevance" : "newest"));
  const newest = [desc(tweeps.publishedAt), desc(tweeps.id)];
  const orderBy: SQL[] = {
    relevance: () => [sql`ts_rank(${searchDocument}, ${tsQuery}) DESC`, ...newest],
    rating: () => [sql`${ratingAverage} DESC NULLS LAST`, sql`${ratingCount} DESC NULLS LAST`, ...newest],
    price_asc: () => [asc(effectivePrice), ...newest],
    price_desc: () => [desc(effectivePrice), ...newest],
    newest: () => newest,
  }[sort]();

  const rowsQuery = ctx.db
    .select({
      ...tweepRowColumns,
      providerName: users.name,
      providerStatus: users.providerStatus,
      ratingAverage,
      ratingCount,
      ...shortProfileColumns,
    })
    .from(tweeps)
    .innerJoin(users, eq(users.id, tweeps.providerId))
    .leftJoin(sql`${providerRatingsSql(ctx.now())} AS provider_rating`, sql`provider_rating.provider_id = ${tweeps.providerId}`)
    .leftJoin(providerProfiles, eq(providerProfiles.userId, tweeps.providerId))
    .leftJoin(approvedPhoto, approvedPhotoOn)
    .where(where)
    .orderBy(...orderBy)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const totalQuery = ctx.db
    .select({ total: sql<number>`count(*)::int` })
    .from(tweeps)
    .innerJoin(users, eq(users.id, tweeps.providerId))
    .where(where);
  const [rows, [counted]] = await Promise.all([rowsQuery, totalQuery]);
  const live = new Map((await readLiveStatuses(ctx, rows.map((row) => row.providerId))).map((status) => [status.userId, status]));

  return {
    items: rows.map(({ providerName, providerStatus, ratingAverage: average, ratingCount: count, shortPhotoId, shortBioRu, shortBioEn, shortExperience, shortRegion, ...tweep }) => ({
      ...toPublicTweep(tweep),
      providerName,
      providerStatus: live.get(tweep.providerId)?.status ?? providerStatus,
      providerOnline: live.get(tweep.providerId)?.online ?? false,
      ...toRatingFields(average, count ?? 0),
      providerProfile: toShortProfile({ shortPhotoId, shortBioRu, shortBioEn, shortExperience, shortRegion }),
    })),
    total: Number(counted?.total ?? 0),
    page,
    pageSize,
  };
}

/** Providers on the site now, as a Postgres array literal for `= ANY(...)`. */
async function onlineProviderIds(ctx: AppContext): Promise<string> {
  const ids = await ctx.presence.onlineUserIds(ctx.now());
  return `{${ids.join(",")}}`;
}
