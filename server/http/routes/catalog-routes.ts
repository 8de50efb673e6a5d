import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { catalogSorts, MAX_PAGE_SIZE, searchCatalog } from "../../domain/catalog/search-catalog.ts";
import { tweepCategories, tweepCategoryIds } from "../../domain/tweeps/categories.ts";
import type { HttpEnv } from "../http-env.ts";
import { errorResponses, jsonResponse, MAX_AMOUNT_MINOR } from "../schemas.ts";

export const Localized = z.object({ ru: z.string().optional(), en: z.string().optional() });

/** What a provider writes: shared by a tweep and its pending revision. */
export const TweepContentFields = {
  languages: z.array(z.enum(["ru", "en"])),
  title: Localized,
  description: Localized,
  category: z.string(),
  videoPriceMinor: z.number().int().optional(),
  textPriceMinor: z.number().int().optional(),
  priceMinor: z.number().int().optional(),
  links: z.array(z.string()).optional(),
  hasCover: z.boolean(),
};

export const Tweep = z
  .object({
    id: z.uuid(),
    type: z.enum(["consultation", "work", "files"]),
    status: z.string(),
    ...TweepContentFields,
    providerId: z.uuid(),
  })
  .openapi("Tweep");

export const ProviderFields = {
  providerName: z.string(),
  providerStatus: z.enum(["available", "busy", "not_set"]).openapi({ description: "What customers see: busy during a session, else the provider's choice" }),
  providerOnline: z.boolean().openapi({ description: "On the site now (a page of theirs sent a heartbeat lately)" }),
  ratingAverage: z.number().nullable().openapi({ description: "Plain average of review ratings; null without reviews" }),
  ratingCount: z.number().int(),
};

export const CatalogTweep = Tweep.extend(ProviderFields).openapi("CatalogTweep");

const price = z.coerce.number().int().min(0).max(MAX_AMOUNT_MINOR);
const CatalogQuery = z
  .object({
    q: z.string().trim().max(200).optional().openapi({ description: "Full-text search in Russian and English" }),
    type: z.enum(["consultation", "work", "files"]).optional(),
    category: z.enum(tweepCategoryIds).optional(),
    lang: z.enum(["ru", "en"]).optional(),
    minPrice: price.optional().openapi({ description: "Minor units; a consultation counts with its cheaper block price" }),
    maxPrice: price.optional(),
    availableNow: z
      .enum(["true", "false"])
      .transform((value) => value === "true")
      .optional()
      .openapi({ description: "Only providers whose status is available" }),
    region: z.string().trim().min(1).max(100).optional().openapi({ description: "The tweep's region, or its provider's (any case)" }),
    sort: z.enum(catalogSorts).optional().openapi({ description: "Default: relevance with q, newest without" }),
    page: z.coerce.number().int().min(1).max(10_000).optional(),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  })
  .refine((query) => query.minPrice === undefined || query.maxPrice === undefined || query.minPrice <= query.maxPrice, {
    message: "minPrice must not exceed maxPrice",
    path: ["minPrice"],
  });

const list = createRoute({
  method: "get",
  path: "/tweeps",
  tags: ["catalog"],
  summary: "Find tweeps: published only, with search, filters, sorts and pages",
  request: { query: CatalogQuery },
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(CatalogTweep), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
      "One page of the catalog",
    ),
    ...errorResponses,
  },
});

const categories = createRoute({
  method: "get",
  path: "/categories",
  tags: ["catalog"],
  summary: "The fixed list of categories with Russian and English names",
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(z.object({ id: z.string(), name: z.object({ ru: z.string(), en: z.string() }) })) }),
      "Categories",
    ),
  },
});

export function registerCatalogRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(list, async (c) => c.json(await searchCatalog(ctx, c.req.valid("query")), 200));
  api.openapi(categories, (c) => c.json({ items: tweepCategories.map((category) => ({ ...category })) }, 200));
}
