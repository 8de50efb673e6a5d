import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { catalogSorts, MAX_PAGE_SIZE, searchCatalog } from "../../domain/catalog/search-catalog.ts";
import { tweepCategories, tweepCategoryIds } from "../../domain/tweeps/categories.ts";
import { singleLineText } from "../../../contract/free-text.ts";
import type { HttpEnv } from "../http-env.ts";
import { MAX_AMOUNT_MINOR } from "../../../contract/common.ts";
import { CatalogPage, Category } from "../../../contract/tweeps.ts";
import { errorResponses, jsonResponse } from "../schemas.ts";

const price = z.coerce.number().int().min(0).max(MAX_AMOUNT_MINOR);
const CatalogQuery = z
  .object({
    q: singleLineText().trim().max(200).optional().openapi({ description: "Full-text search in Russian and English" }),
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
    region: singleLineText().trim().min(1).max(100).optional().openapi({ description: "The tweep's region, or its provider's (any case)" }),
    sort: z.enum(catalogSorts).optional().openapi({ description: "Default: relevance with q, newest without" }),
    page: z.coerce.number().int().min(1).max(10_000).optional(),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  })
  .refine((query) => query.minPrice === undefined || query.maxPrice === undefined || query.minPrice <= query.maxPrice, {
    message: "minPrice must not exceed maxPrice",
    path: ["minPrice"],
  });

const list = createRoute({
  operationId: "listTweeps",
  method: "get",
  path: "/tweeps",
  tags: ["catalog"],
  summary: "Find tweeps: published only, with search, filters, sorts and pages",
  request: { query: CatalogQuery },
  responses: {
    200: jsonResponse(CatalogPage, "One page of the catalog"),
    ...errorResponses,
  },
});

const categories = createRoute({
  operationId: "listCategories",
  method: "get",
  path: "/categories",
  tags: ["catalog"],
  summary: "The fixed list of categories with Russian and English names",
  responses: {
    200: jsonResponse(z.object({ items: z.array(Category) }), "Categories"),
  },
});

export function registerCatalogRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(list, async (c) => c.json(await searchCatalog(ctx, c.req.valid("query")), 200));
  api.openapi(categories, (c) => c.json({ items: tweepCategories.map((category) => ({ ...category })) }, 200));
}
