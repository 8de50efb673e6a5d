import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { HOURS_PER_WEEK } from "../../domain/availability/project-availability.ts";
import { readAvailability } from "../../domain/availability/read-availability.ts";
import { setAvailability } from "../../domain/availability/set-availability.ts";
import { authenticated, requireUser } from "../guards.ts";
import { singleLineText } from "../../validation/free-text.ts";
import type { HttpEnv } from "../http-env.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas.ts";

const hoursDescription =
  "Filled hours of the week as indexes 0..167 in `timeZone`: Monday 00:00–01:00 is 0, Sunday 23:00–24:00 is 167";

export const Availability = z
  .object({
    timeZone: z.string().nullable().openapi({ description: "IANA zone the grid is kept in; null until first saved" }),
    hours: z.array(z.number().int()).openapi({ description: hoursDescription, example: [9, 10, 11, 33, 34, 35] }),
  })
  .openapi("Availability");

const AvailabilityChange = z
  .strictObject({
    timeZone: singleLineText().min(1).max(64).openapi({ example: "Europe/Moscow" }),
    hours: z
      .array(z.number().int().min(0).max(HOURS_PER_WEEK - 1))
      .max(HOURS_PER_WEEK)
      .openapi({ description: `${hoursDescription}; each at most once`, example: [9, 10, 11, 33, 34, 35] }),
  })
  .openapi("AvailabilityChange");

const AvailabilityBody = z.object({ availability: Availability });

const put = createRoute({
  method: "put",
  path: "/me/availability",
  middleware: [authenticated] as const,
  tags: ["providers"],
  summary: "Replace the weekly availability grid (SPEC 9), kept in the given time zone",
  request: { body: jsonBody(AvailabilityChange) },
  responses: { 200: jsonResponse(AvailabilityBody, "The saved grid"), ...errorResponses },
});

const get = createRoute({
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
