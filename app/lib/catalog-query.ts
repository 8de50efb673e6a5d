// The catalog's search, filters, sort and page live in the address bar (SPEC 3), so a
// result list can be linked to and the back button returns to it. This module turns the
// URL's query into a typed state and back, and builds the API request from it.

import type { TweepType } from "../../contract/common.ts";
import type { Locale } from "./locale.ts";

export const catalogSortValues = ["relevance", "rating", "price_asc", "price_desc", "newest"] as const;
export type CatalogSort = (typeof catalogSortValues)[number];

export const catalogTypeValues = ["consultation", "work", "files"] as const satisfies readonly TweepType[];
export const catalogLangValues = ["ru", "en"] as const satisfies readonly Locale[];

export const CATALOG_PAGE_SIZE = 12;

export type CatalogQuery = {
  q: string;
  type: TweepType | null;
  category: string | null;
  lang: Locale | null;
  /** Minor units. */
  minPrice: number | null;
  maxPrice: number | null;
  availableNow: boolean;
  sort: CatalogSort | null;
  page: number;
};

export const emptyCatalogQuery: CatalogQuery = {
  q: "",
  type: null,
  category: null,
  lang: null,
  minPrice: null,
  maxPrice: null,
  availableNow: false,
  sort: null,
  page: 1,
};

type Params = { get(name: string): string | null };

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

function minor(value: string | null): number | null {
  if (value === null || !/^\d{1,15}$/.test(value)) return null;
  const amount = Number(value);
  return Number.isSafeInteger(amount) ? amount : null;
}

/** Reads the address bar; anything malformed is ignored rather than shown as an error. */
export function parseCatalogQuery(params: Params): CatalogQuery {
  const page = Number(params.get("page") ?? "1");
  const category = params.get("category");
  return {
    q: (params.get("q") ?? "").trim().slice(0, 200),
    type: oneOf(catalogTypeValues, params.get("type")),
    category: category && /^[a-z0-9_-]{1,40}$/.test(category) ? category : null,
    lang: oneOf(catalogLangValues, params.get("lang")),
    minPrice: minor(params.get("minPrice")),
    maxPrice: minor(params.get("maxPrice")),
    availableNow: params.get("availableNow") === "true",
    sort: oneOf(catalogSortValues, params.get("sort")),
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** The page's own query string: only what differs from the defaults, in a stable order. */
export function catalogQueryToSearch(query: CatalogQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.type) params.set("type", query.type);
  if (query.category) params.set("category", query.category);
  if (query.lang) params.set("lang", query.lang);
  if (query.minPrice !== null) params.set("minPrice", String(query.minPrice));
  if (query.maxPrice !== null) params.set("maxPrice", String(query.maxPrice));
  if (query.availableNow) params.set("availableNow", "true");
  if (query.sort) params.set("sort", query.sort);
  if (query.page > 1) params.set("page", String(query.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The API request: the page's query plus the page size. */
export function catalogQueryToApiPath(query: CatalogQuery): string {
  const params = new URLSearchParams(catalogQueryToSearch(query));
  // Relevance means nothing without words to match; the server's default applies then.
  if (params.get("sort") === "relevance" && !query.q) params.delete("sort");
  params.set("pageSize", String(CATALOG_PAGE_SIZE));
  return `/tweeps?${params.toString()}`;
}

export function countPages(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
}
