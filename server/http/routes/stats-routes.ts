import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { listConsultations } from "../../domain/stats/list-consultations.ts";
import { listProviderCalls } from "../../domain/stats/list-provider-calls.ts";
import { readProviderStats } from "../../domain/stats/read-provider-stats.ts";
import { AppError } from "../../errors.ts";
import { authenticated, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { errorResponses, jsonResponse, sessionRequired } from "../schemas.ts";
import { singleLineText } from "../../../contract/free-text.ts";
import { Call, Consultation, PlainDate, Stats } from "../../../contract/queue.ts";

// The provider's panel (SPEC 15) and statistics (SPEC 18).

const getStats = createRoute({
  operationId: "getMyStats",
  security: sessionRequired,
  method: "get",
  path: "/me/stats",
  middleware: [authenticated] as const,
  tags: ["statistics"],
  summary: "Earnings, sessions, minutes and calls per day or week of the provider's time zone",
  request: {
    query: z.object({
      from: PlainDate.optional().openapi({ description: "First day (default: 29 days before `to`)" }),
      to: PlainDate.optional().openapi({ description: "Last day, inclusive (default: today)" }),
      bucket: z.enum(["day", "week"]).default("day"),
    }),
  },
  responses: {
    200: jsonResponse(Stats, "Every bucket of the range, oldest first"),
    ...errorResponses,
  },
});

const getConsultations = createRoute({
  operationId: "listMyConsultations",
  security: sessionRequired,
  method: "get",
  path: "/me/consultations",
  middleware: [authenticated] as const,
  tags: ["statistics"],
  summary: "Every session of the user across orders, with its billing detail",
  request: {
    query: z.object({
      as: z.enum(["provider", "customer"]).default("customer"),
      from: singleLineText().max(64).optional().openapi({ description: "ISO date or date-time" }),
      to: singleLineText().max(64).optional(),
    }),
  },
  responses: { 200: jsonResponse(z.object({ consultations: z.array(Consultation) }), "Newest first"), ...errorResponses },
});

const getCalls = createRoute({
  operationId: "listMyCalls",
  security: sessionRequired,
  method: "get",
  path: "/me/calls",
  middleware: [authenticated] as const,
  tags: ["statistics"],
  summary: "The provider's calls in a period with their outcome (lost: left the queue or let the turn expire)",
  request: { query: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }) },
  responses: { 200: jsonResponse(z.object({ calls: z.array(Call) }), "Newest first"), ...errorResponses },
});

export function registerStatsRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(getStats, async (c) => c.json(await readProviderStats(ctx, { userId: requireUser(c).id, ...c.req.valid("query") }), 200));
  api.openapi(getConsultations, async (c) => c.json({ consultations: await listConsultations(ctx, { userId: requireUser(c).id, ...c.req.valid("query") }) }, 200));
  api.openapi(getCalls, async (c) => {
    const { from, to } = c.req.valid("query");
    if (Date.parse(from) >= Date.parse(to)) throw new AppError("validation_failed", "from must be before to.");
    return c.json({ calls: await listProviderCalls(ctx, { userId: requireUser(c).id, from: new Date(from), to: new Date(to) }) }, 200);
  });
}
