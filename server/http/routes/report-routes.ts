import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { dismissSessionReport } from "../../domain/reports/dismiss-session-report.ts";
import { getSessionReport } from "../../domain/reports/get-session-report.ts";
import { listSessionReports } from "../../domain/reports/list-session-reports.ts";
import { reportSession } from "../../domain/reports/report-session.ts";
import { upholdSessionReport } from "../../domain/reports/uphold-session-report.ts";
import { authenticated, requireModerator, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { DecideReportRequest, ModerationReport, ReportSessionRequest, SessionReport, SessionReportStatus } from "../../../contract/reports.ts";
import { errorResponses, jsonBody, jsonResponse, sessionRequired } from "../schemas.ts";

const Id = z.object({ id: z.uuid() });

const report = createRoute({
  operationId: "reportSession",
  security: sessionRequired,
  method: "post",
  path: "/sessions/{id}/reports",
  middleware: [authenticated] as const,
  tags: ["sessions"],
  summary: "Report a session as not genuine (its customer, within 24 hours after it ended, once)",
  request: { params: Id, body: jsonBody(ReportSessionRequest) },
  responses: { 201: jsonResponse(z.object({ report: SessionReport }), "The report"), ...errorResponses },
});

const status = createRoute({
  operationId: "getSessionReport",
  security: sessionRequired,
  method: "get",
  path: "/sessions/{id}/reports",
  middleware: [authenticated] as const,
  tags: ["sessions"],
  summary: "The session's report, if any, and whether its customer may still report it",
  request: { params: Id },
  responses: { 200: jsonResponse(SessionReportStatus, "The report status"), ...errorResponses },
});

const queue = createRoute({
  operationId: "listSessionReports",
  security: sessionRequired,
  method: "get",
  path: "/moderation/reports",
  middleware: [authenticated] as const,
  tags: ["moderation"],
  summary: "Session reports for moderators, open first (oldest first), each with its evidence pack",
  request: { query: z.object({ status: z.enum(["open", "upheld", "dismissed"]).optional() }) },
  responses: { 200: jsonResponse(z.object({ items: z.array(ModerationReport) }), "Reports"), ...errorResponses },
});

const decide = (verb: "uphold" | "dismiss") =>
  createRoute({
    operationId: verb === "uphold" ? "upholdSessionReport" : "dismissSessionReport",
    security: sessionRequired,
    method: "post",
    path: `/moderation/reports/{id}/${verb}`,
    middleware: [authenticated] as const,
    tags: ["moderation"],
    summary:
      verb === "uphold"
        ? "Uphold a report: the session's blocks go back to the customer from the provider's pending earnings and the commission"
        : "Dismiss a report with a reason; no money moves",
    request: { params: Id, body: jsonBody(DecideReportRequest) },
    responses: { 200: jsonResponse(z.object({ report: SessionReport }), "The decided report"), ...errorResponses },
  });

/** SPEC 17: reporting a session, and the moderators' decisions on reports. */
export function registerReportRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(report, async (c) => {
    const body = c.req.valid("json");
    const created = await reportSession(ctx, { sessionId: c.req.valid("param").id, userId: requireUser(c).id, reason: body.reason, text: body.text });
    return c.json({ report: created }, 201);
  });

  api.openapi(status, async (c) => c.json(await getSessionReport(ctx, { sessionId: c.req.valid("param").id, userId: requireUser(c).id }), 200));

  api.openapi(queue, async (c) => {
    requireModerator(c);
    return c.json(await listSessionReports(ctx, { status: c.req.valid("query").status }), 200);
  });

  api.openapi(decide("uphold"), async (c) => {
    const moderator = requireModerator(c);
    const decided = await upholdSessionReport(ctx, { reportId: c.req.valid("param").id, moderatorId: moderator.id, reason: c.req.valid("json").reason });
    return c.json({ report: decided }, 200);
  });

  api.openapi(decide("dismiss"), async (c) => {
    const moderator = requireModerator(c);
    const decided = await dismissSessionReport(ctx, { reportId: c.req.valid("param").id, moderatorId: moderator.id, reason: c.req.valid("json").reason });
    return c.json({ report: decided }, 200);
  });
}
