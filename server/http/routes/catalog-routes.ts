import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { listPublishedTweeps } from "../../domain/tweeps/list-published-tweeps.ts";
import type { HttpEnv } from "../http-env.ts";
import { jsonResponse } from "../schemas.ts";

const Localized = z.object({ ru: z.string().optional(), en: z.string().optional() });

export const Tweep = z
  .object({
    id: z.uuid(),
    type: z.enum(["consultation", "work", "files"]),
    status: z.string(),
    languages: z.array(z.enum(["ru", "en"])),
    title: Localized,
    description: Localized,
    category: z.string(),
    videoPriceMinor: z.number().int().optional(),
    textPriceMinor: z.number().int().optional(),
    priceMinor: z.number().int().optional(),
    links: z.array(z.string()).optional(),
    providerId: z.uuid(),
    providerName: z.string(),
  })
  .openapi("Tweep");

const list = createRoute({
  method: "get",
  path: "/tweeps",
  tags: ["tweeps"],
  summary: "Published tweeps, newest first",
  responses: { 200: jsonResponse(z.object({ items: z.array(Tweep), total: z.number().int() }), "The catalog") },
});

export function registerCatalogRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(list, async (c) => c.json(await listPublishedTweeps(ctx), 200));
}
