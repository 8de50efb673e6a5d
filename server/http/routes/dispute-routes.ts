import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { listDisputeMessages } from "../../domain/disputes/list-dispute-messages.ts";
import { listDisputesForModeration } from "../../domain/disputes/list-disputes-for-moderation.ts";
import { listMyDisputes } from "../../domain/disputes/list-my-disputes.ts";
import { openDispute } from "../../domain/disputes/open-dispute.ts";
import { postDisputeMessage } from "../../domain/disputes/post-dispute-message.ts";
import { resolveDispute } from "../../domain/disputes/resolve-dispute.ts";
import { getDisputeEvidence } from "../../domain/disputes/get-dispute-evidence.ts";
import { EvidencePack } from "../../../contract/reports.ts";
import { authenticated, requireModerator, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { Dispute, DisputeMessage as Message, OpenDisputeRequest, PostMessageRequest, ResolveDisputeRequest } from "../../../contract/orders.ts";
import { errorResponses, jsonBody, jsonResponse, sessionRequired } from "../schemas.ts";

const Id = z.object({ id: z.uuid() });

const open = createRoute({
  operationId: "openDispute",
  security: sessionRequired,
  method: "post",
  path: "/orders/{id}/disputes",
  middleware: [authenticated] as const,
  tags: ["disputes"],
  summary: "Open a dispute on an order (either party; one open at a time; freezes held money)",
  request: { params: Id, body: jsonBody(OpenDisputeRequest) },
  responses: { 201: jsonResponse(z.object({ dispute: Dispute }), "The dispute"), ...errorResponses },
});

const mine = createRoute({
  operationId: "listMyDisputes",
  security: sessionRequired,
  method: "get",
  path: "/disputes",
  middleware: [authenticated] as const,
  tags: ["disputes"],
  summary: "Disputes on my orders and sales, newest first",
  responses: { 200: jsonResponse(z.object({ items: z.array(Dispute) }), "Disputes"), ...errorResponses },
});

const messages = createRoute({
  operationId: "listDisputeMessages",
  security: sessionRequired,
  method: "get",
  path: "/disputes/{id}/messages",
  middleware: [authenticated] as const,
  tags: ["disputes"],
  summary: "The dispute and its correspondence (parties and moderators)",
  request: { params: Id },
  responses: { 200: jsonResponse(z.object({ dispute: Dispute, items: z.array(Message) }), "Messages, oldest first"), ...errorResponses },
});

const postMessage = createRoute({
  operationId: "postDisputeMessage",
  security: sessionRequired,
  method: "post",
  path: "/disputes/{id}/messages",
  middleware: [authenticated] as const,
  tags: ["disputes"],
  summary: "Write in a dispute (parties and moderators)",
  request: { params: Id, body: jsonBody(PostMessageRequest) },
  responses: { 201: jsonResponse(z.object({ message: Message }), "The message"), ...errorResponses },
});

const queue = createRoute({
  operationId: "listDisputeQueue",
  security: sessionRequired,
  method: "get",
  path: "/moderation/disputes",
  middleware: [authenticated] as const,
  tags: ["moderation"],
  summary: "All disputes for moderators: open first (oldest first), then resolved",
  request: { query: z.object({ status: z.enum(["open", "resolved"]).optional() }) },
  responses: { 200: jsonResponse(z.object({ items: z.array(Dispute) }), "Disputes"), ...errorResponses },
});

const resolve = createRoute({
  operationId: "resolveDispute",
  security: sessionRequired,
  method: "post",
  path: "/moderation/disputes/{id}/resolve",
  middleware: [authenticated] as const,
  tags: ["moderation"],
  summary:
    "Split the held amount between provider (less commission) and customer; the parts must add up to it exactly. On a consultation order, `refundPendingBlocks` also gives back the charged blocks still pending",
  request: {
    params: Id,
    body: jsonBody(ResolveDisputeRequest),
  },
  responses: { 200: jsonResponse(z.object({ dispute: Dispute }), "The resolved dispute"), ...errorResponses },
});

const evidence = createRoute({
  operationId: "getDisputeEvidence",
  security: sessionRequired,
  method: "get",
  path: "/disputes/{id}/evidence",
  middleware: [authenticated] as const,
  tags: ["disputes"],
  summary: "The evidence pack of each session of a consultation order under dispute (parties and moderators)",
  request: { params: Id },
  responses: { 200: jsonResponse(z.object({ sessions: z.array(EvidencePack) }), "Evidence"), ...errorResponses },
});

export function registerDisputeRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(evidence, async (c) => c.json(await getDisputeEvidence(ctx, { disputeId: c.req.valid("param").id, viewer: requireUser(c) }), 200));

  api.openapi(open, async (c) => {
    const dispute = await openDispute(ctx, { orderId: c.req.valid("param").id, userId: requireUser(c).id, reason: c.req.valid("json").reason });
    return c.json({ dispute }, 201);
  });

  api.openapi(mine, async (c) => c.json(await listMyDisputes(ctx, { userId: requireUser(c).id }), 200));

  api.openapi(messages, async (c) =>
    c.json(await listDisputeMessages(ctx, { disputeId: c.req.valid("param").id, viewer: requireUser(c) }), 200),
  );

  api.openapi(postMessage, async (c) => {
    const message = await postDisputeMessage(ctx, {
      disputeId: c.req.valid("param").id,
      viewer: requireUser(c),
      body: c.req.valid("json").body,
    });
    return c.json({ message }, 201);
  });

  api.openapi(queue, async (c) => {
    requireModerator(c);
    return c.json(await listDisputesForModeration(ctx, { status: c.req.valid("query").status }), 200);
  });

  api.openapi(resolve, async (c) => {
    const moderator = requireModerator(c);
    const body = c.req.valid("json");
    const dispute = await resolveDispute(ctx, {
      disputeId: c.req.valid("param").id,
      moderatorId: moderator.id,
      toProviderMinor: BigInt(body.toProviderMinor),
      toCustomerMinor: BigInt(body.toCustomerMinor),
      reason: body.reason,
      refundPendingBlocks: body.refundPendingBlocks ?? false,
    });
    return c.json({ dispute }, 200);
  });
}
