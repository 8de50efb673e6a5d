import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { getProvider } from "../../domain/catalog/get-provider.ts";
import type { HttpEnv } from "../http-env.ts";
import { errorResponses, jsonResponse } from "../schemas.ts";
import { Provider } from "../../../contract/tweeps.ts";

const get = createRoute({
  operationId: "getProvider",
  method: "get",
  path: "/providers/{id}",
  tags: ["catalog"],
  summary: "A provider: name, rating, status, weekly availability and published tweeps",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: jsonResponse(z.object({ provider: Provider }), "The provider"), ...errorResponses },
});

export function registerProviderRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(get, async (c) => c.json({ provider: await getProvider(ctx, { providerId: c.req.valid("param").id }) }, 200));
}
