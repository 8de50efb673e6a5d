import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { AvailabilityBody, AvailabilityChange } from "../../../contract/availability.ts";
import { readAvailability } from "../../domain/availability/read-availability.ts";
import { setAvailability } from "../../domain/availability/set-availability.ts";
import { authenticated, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { errorResponses, jsonBody, jsonResponse, sessionRequired } from "../schemas.ts";

const put = createRoute({
  operationId: "setMyAvailability",
  security: sessionRequired,
  method: "put",
  path: "/me/availability",
  middleware: [authenticated] as const,
  tags: ["providers"],
  summary: "Replace the weekly availability grid (SPEC 9), kept in the given time zone",
  request: { body: jsonBody(AvailabilityChange) },
  responses: { 200: jsonResponse(AvailabilityBody, "The saved grid"), ...errorResponses },
});

const get = createRoute({
  operationId: "getProviderAvailability",
  method: "get",
  path: "/providers/{id}/availability",
  tags: ["providers"],
  summary: "A provider's weekly availability grid, in the provider's time zone",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: jsonResponse(AvailabilityBody, "The grid"), ...errorResponses },
});

export function registerAvailabilityRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(put, async (c) => {
    const availability = await setAvailability(ctx, requireUser(c).id, c.req.valid("json"));
    return c.json({ availability }, 200);
  });
  api.openapi(get, async (c) => {
    const availability = await readAvailability(ctx, { userId: c.req.valid("param").id });
    return c.json({ availability }, 200);
  });
}
