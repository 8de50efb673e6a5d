import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { readProviderLiveFacts, toViewerLiveStatus } from "../../domain/presence/read-live-statuses.ts";
import { setProviderChannels } from "../../domain/presence/set-provider-channels.ts";
import { setProviderStatus } from "../../domain/presence/set-provider-status.ts";
import { listOrderSessions } from "../../domain/sessions/list-order-sessions.ts";
import { ProviderStatus } from "../../../contract/common.ts";
import { Channels, LiveStatus, SessionView as Session } from "../../../contract/sessions.ts";
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
  summary: "Set the provider's status: available, busy, not_set or paused (back to available after PAUSE_SECONDS)",
  request: { body: jsonBody(z.strictObject({ status: ProviderStatus })) },
  responses: {
    200: jsonResponse(z.object({ chosen: ProviderStatus, pausedUntil: z.string().optional(), live: LiveStatus.optional() }), "The chosen status and what customers see"),
    ...errorResponses,
  },
});

const putChannels = createRoute({
  operationId: "setMyChannels",
  security: sessionRequired,
  method: "put",
  path: "/me/channels",
  middleware: [authenticated] as const,
  tags: ["providers"],
  summary: "Switch the channels calls are taken on (video calls, text chats), without moderation",
  request: { body: jsonBody(z.strictObject({ video: z.boolean(), text: z.boolean() })) },
  responses: { 200: jsonResponse(z.object({ channels: Channels, live: LiveStatus.optional() }), "The channels now"), ...errorResponses },
});

const getLiveStatus = createRoute({
  operationId: "getProviderLiveStatus",
  method: "get",
  path: "/providers/{id}/live",
  tags: ["providers"],
  summary: "A provider's live status now, as the signed-in viewer sees it (then follow `presence:changed`)",
  request: {
    params: z.object({ id: z.uuid() }),
    query: z.object({ medium: z.enum(["video", "text"]).optional().openapi({ description: "Judge the channel of this medium" }) }),
  },
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

  api.openapi(putChannels, async (c) => c.json(await setProviderChannels(ctx, { userId: requireUser(c).id, ...c.req.valid("json") }), 200));

  api.openapi(getLiveStatus, async (c) => {
    const [fact] = await readProviderLiveFacts(ctx, [c.req.valid("param").id]);
    if (!fact) throw new AppError("not_found", "There is no such provider.");
    const live = toViewerLiveStatus(fact, { now: ctx.now(), viewerId: c.get("user")?.id, medium: c.req.valid("query").medium });
    return c.json({ live }, 200);
  });

  api.openapi(getSessions, async (c) => {
    const user = requireUser(c);
    return c.json({ sessions: await listOrderSessions(ctx, { orderId: c.req.valid("param").id, userId: user.id, isModerator: user.isModerator }) }, 200);
  });
}
