import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { readLiveStatuses } from "../../domain/presence/read-live-statuses.ts";
import { setProviderStatus } from "../../domain/presence/set-provider-status.ts";
import { listOrderSessions } from "../../domain/sessions/list-order-sessions.ts";
import { ProviderStatus } from "../../../contract/common.ts";
import { LiveStatus, SessionView as Session } from "../../../contract/sessions.ts";
import { authenticated, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { errorResponses, jsonBody, jsonResponse, sessionRequired } from "../schemas.ts";

const putStatus = createRoute({
  operationId: "setMyStatus",
  security: sessionRequired,
  method: "put",
  path: "/me/status",
  middleware: [authenticated] as const,
  tags: ["providers"],
  summary: "Set the provider's status: available, busy or not_set",
  request: { body: jsonBody(z.strictObject({ status: ProviderStatus })) },
  responses: {
    200: jsonResponse(z.object({ chosen: ProviderStatus, live: LiveStatus.optional() }), "The chosen status and what customers see"),
    ...errorResponses,
  },
});

const getLiveStatus = createRoute({
  operationId: "getProviderLiveStatus",
  method: "get",
  path: "/providers/{id}/live",
  tags: ["providers"],
  summary: "A provider's live status now (then follow `presence:changed` on the live connection)",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: jsonResponse(z.object({ live: LiveStatus }), "The live status"), ...errorResponses },
});

const getSessions = createRoute({
  operationId: "listOrderSessions",
  security: sessionRequired,
  method: "get",
  path: "/orders/{id}/sessions",
  middleware: [authenticated] as const,
  tags: ["sessions"],
  summary: "The order's calls and sessions: start, end, end reason and blocks charged",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: jsonResponse(z.object({ sessions: z.array(Session) }), "Oldest first"), ...errorResponses },
});

export function registerLiveRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(putStatus, async (c) => c.json(await setProviderStatus(ctx, { userId: requireUser(c).id, status: c.req.valid("json").status }), 200));

  api.openapi(getLiveStatus, async (c) => {
    const [live] = await readLiveStatuses(ctx, [c.req.valid("param").id]);
    if (!live) throw new AppError("not_found", "There is no such provider.");
    return c.json({ live }, 200);
  });

  api.openapi(getSessions, async (c) => {
    const user = requireUser(c);
    return c.json({ sessions: await listOrderSessions(ctx, { orderId: c.req.valid("param").id, userId: user.id, isModerator: user.isModerator }) }, 200);
  });
}
