import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { listConsultations } from "../../domain/stats/list-consultations.ts";
import { listProviderCalls } from "../../domain/stats/list-provider-calls.ts";
import { readProviderStats } from "../../domain/stats/read-provider-stats.ts";
import { AppError } from "../../errors.ts";
import { authenticated, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { errorResponses, jsonResponse } from "../schemas.ts";

// The provider's panel (SPEC 15) and statistics (SPEC 18).

const PlainDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
const Counts = {
  earningsMinor: z.number().int().openapi({ description: "Net: what reached the provider's account for consultation blocks" }),
  grossMinor: z.number().int(),
  sessions: z.number().int(),
  minutes: z.number().int(),
  answered: z.number().int(),
  missed: z.number().int(),
};
const StatsPoint = z.object({ start: PlainDate, ...Counts }).openapi("StatsPoint");

const getStats = createRoute({
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
    200: jsonResponse(
      z.object({
        from: PlainDate,
        to: PlainDate,
        bucket: z.enum(["day", "week"]),
        timeZone: z.string(),
        currency: z.string(),
        series: z.array(StatsPoint),
        totals: z.object(Counts),
      }),
      "Every bucket of the range, oldest first",
    ),
    ...errorResponses,
  },
});

const Consultation = z
  .object({
    id: z.uuid(),
    orderId: z.uuid(),
    title: z.object({ ru: z.string().optional(), en: z.string().optional() }),
    medium: z.enum(["video", "text"]),
    customerId: z.uuid(),
    customerName: z.string(),
    providerId: z.uuid(),
    providerName: z.string(),
    status: z.string(),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    durationSeconds: z.number().int(),
    blocks: z.number().int(),
    void: z.boolean(),
    endReason: z.string().nullable(),
    grossMinor: z.number().int(),
    commissionMinor: z.number().int(),
    netMinor: z.number().int(),
  })
  .openapi("Consultation");

const getConsultations = createRoute({
  method: "get",
  path: "/me/consultations",
  middleware: [authenticated] as const,
  tags: ["statistics"],
  summary: "Every session of the user across orders, with its billing detail",
  request: {
    query: z.object({
      as: z.enum(["provider", "customer"]).default("customer"),
      from: z.string().optional().openapi({ description: "ISO date or date-time" }),
      to: z.string().optional(),
    }),
  },
  responses: { 200: jsonResponse(z.object({ consultations: z.array(Consultation) }), "Newest first"), ...errorResponses },
});

const Call = z
  .object({
    id: z.uuid(),
    orderId: z.uuid(),
    customerId: z.uuid(),
    customerName: z.string(),
    medium: z.enum(["video", "text"]),
    at: z.string(),
    outcome: z.enum(["answered", "missed", "declined", "cancelled", "ringing", "lost"]),
    retry: z.boolean().openapi({ description: "The automatic second ring of a missed call" }),
  })
  .openapi("Call");

const getCalls = createRoute({
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
