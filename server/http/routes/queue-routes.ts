import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { closeQueue } from "../../domain/queue/close-queue.ts";
import { inviteNext } from "../../domain/queue/invite-next.ts";
import { joinQueue } from "../../domain/queue/join-queue.ts";
import { leaveQueue } from "../../domain/queue/leave-queue.ts";
import { listMyQueuePlaces } from "../../domain/queue/list-my-queue-places.ts";
import { readProviderQueue } from "../../domain/queue/read-provider-queue.ts";
import { cancelCallRetry } from "../../domain/sessions/cancel-call-retry.ts";
import { authenticated, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { errorResponses, jsonResponse, sessionOptional, sessionRequired } from "../schemas.ts";
import { ProviderQueue, QueuePlace } from "../../../contract/queue.ts";

// The waiting list and call retries (SPEC 15).

const orderParam = { params: z.object({ id: z.uuid() }) };

const join = createRoute({
  operationId: "joinQueue",
  security: sessionRequired,
  method: "post",
  path: "/orders/{id}/queue",
  middleware: [authenticated] as const,
  tags: ["queue"],
  summary: "Join the provider's queue with this consultation order",
  request: orderParam,
  responses: { 201: jsonResponse(z.object({ place: QueuePlace }), "The customer's place"), ...errorResponses },
});

const leave = createRoute({
  operationId: "leaveQueue",
  security: sessionRequired,
  method: "delete",
  path: "/orders/{id}/queue",
  middleware: [authenticated] as const,
  tags: ["queue"],
  summary: "Leave the provider's queue",
  request: orderParam,
  responses: { 200: jsonResponse(z.object({ left: z.boolean() }), "Left"), ...errorResponses },
});

const mine = createRoute({
  operationId: "listMyQueuePlaces",
  security: sessionRequired,
  method: "get",
  path: "/me/queue",
  middleware: [authenticated] as const,
  tags: ["queue"],
  summary: "The customer's places in providers' queues",
  responses: { 200: jsonResponse(z.object({ places: z.array(QueuePlace) }), "Places"), ...errorResponses },
});

const ofProvider = createRoute({
  operationId: "getProviderQueue",
  security: sessionOptional,
  method: "get",
  path: "/providers/{id}/queue",
  tags: ["queue"],
  summary: "The provider's queue: the list for the provider, its length and a newcomer's wait for anyone else",
  request: orderParam,
  responses: {
    200: jsonResponse(ProviderQueue, "The queue"),
    ...errorResponses,
  },
});

const invite = createRoute({
  operationId: "inviteNextInQueue",
  security: sessionRequired,
  method: "post",
  path: "/me/queue/invite-next",
  middleware: [authenticated] as const,
  tags: ["queue"],
  summary: "Give the first waiting customer the turn now (the provider becomes Available)",
  responses: {
    200: jsonResponse(z.object({ orderId: z.uuid(), customerId: z.uuid(), turnExpiresAt: z.string() }), "Who got the turn"),
    ...errorResponses,
  },
});

const declineAll = createRoute({
  operationId: "declineWholeQueue",
  security: sessionRequired,
  method: "delete",
  path: "/me/queue",
  middleware: [authenticated] as const,
  tags: ["queue"],
  summary: "Decline everyone waiting at once; each is told and offered a time to book (or the provider's page)",
  responses: { 200: jsonResponse(z.object({ closed: z.number().int() }), "How many were declined"), ...errorResponses },
});

const cancelRetry = createRoute({
  operationId: "cancelCallRetry",
  security: sessionRequired,
  method: "delete",
  path: "/sessions/{id}/retry",
  middleware: [authenticated] as const,
  tags: ["sessions"],
  summary: "Cancel the automatic retry of a missed call",
  request: orderParam,
  responses: {
    200: jsonResponse(z.object({ sessionId: z.uuid(), orderId: z.uuid(), retryState: z.literal("cancelled") }), "Cancelled"),
    ...errorResponses,
  },
});

export function registerQueueRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(join, async (c) => c.json({ place: await joinQueue(ctx, { orderId: c.req.valid("param").id, userId: requireUser(c).id }) }, 201));
  api.openapi(leave, async (c) => c.json(await leaveQueue(ctx, { orderId: c.req.valid("param").id, userId: requireUser(c).id }), 200));
  api.openapi(mine, async (c) => c.json({ places: await listMyQueuePlaces(ctx, { userId: requireUser(c).id }) }, 200));
  api.openapi(ofProvider, async (c) => c.json(await readProviderQueue(ctx, { providerId: c.req.valid("param").id, viewerId: c.get("user")?.id }), 200));
  api.openapi(invite, async (c) => c.json(await inviteNext(ctx, { userId: requireUser(c).id }), 200));
  api.openapi(declineAll, async (c) => c.json(await closeQueue(ctx, { providerId: requireUser(c).id, reason: "declined" }), 200));
  api.openapi(cancelRetry, async (c) => c.json(await cancelCallRetry(ctx, { sessionId: c.req.valid("param").id, userId: requireUser(c).id }), 200));
}
