import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { AppContext } from "../../context.ts";
import { decideTweep } from "../../domain/moderation/decide-tweep.ts";
import { listModerationDecisions } from "../../domain/moderation/list-moderation-decisions.ts";
import { listModerationQueue } from "../../domain/moderation/list-moderation-queue.ts";
import { authenticated, requireModerator } from "../guards.ts";
import { multilineText } from "../../../contract/free-text.ts";
import type { HttpEnv } from "../http-env.ts";
import { errorResponses, jsonBody, jsonResponse, sessionRequired } from "../schemas.ts";
import { ModerationQueueItem as QueueItem } from "../../../contract/tweeps.ts";

/** Refuses non-moderators before their input is validated, so they learn nothing from it. */
const moderatorsOnly: MiddlewareHandler<HttpEnv> = async (c, next) => {
  requireModerator(c);
  await next();
};

const TweepId = z.object({ id: z.uuid() });

const queue = createRoute({
  operationId: "listModerationQueue",
  security: sessionRequired,
  method: "get",
  path: "/moderation/tweeps",
  middleware: [authenticated, moderatorsOnly] as const,
  tags: ["moderation"],
  summary: "Tweeps and edits waiting for moderation, oldest first",
  responses: { 200: jsonResponse(z.object({ items: z.array(QueueItem) }), "The queue"), ...errorResponses },
});

// What the moderator saw: an edit changed after they opened it is not decided blindly.
const SeenVersion = z.iso.datetime().optional().openapi({ description: "The queue item's version the decision is about" });

const Outcome = z.object({ tweepId: z.uuid(), revisionId: z.uuid().nullable(), status: z.string() });

const approve = createRoute({
  operationId: "approveTweep",
  security: sessionRequired,
  method: "post",
  path: "/moderation/tweeps/{id}/approve",
  middleware: [authenticated, moderatorsOnly] as const,
  tags: ["moderation"],
  summary: "Approve the first submission (publishes) or the pending edit (replaces the published content)",
  request: { params: TweepId, body: jsonBody(z.strictObject({ version: SeenVersion })) },
  responses: { 200: jsonResponse(Outcome, "Approved"), ...errorResponses },
});

const reject = createRoute({
  operationId: "rejectTweep",
  security: sessionRequired,
  method: "post",
  path: "/moderation/tweeps/{id}/reject",
  middleware: [authenticated, moderatorsOnly] as const,
  tags: ["moderation"],
  summary: "Reject with a reason the owner will read",
  request: { params: TweepId, body: jsonBody(z.strictObject({ reason: multilineText().trim().min(1).max(1000), version: SeenVersion })) },
  responses: { 200: jsonResponse(Outcome, "Rejected"), ...errorResponses },
});

const decisions = createRoute({
  operationId: "listModerationDecisions",
  security: sessionRequired,
  method: "get",
  path: "/moderation/decisions",
  middleware: [authenticated, moderatorsOnly] as const,
  tags: ["moderation"],
  summary: "The decision log, newest first",
  request: { query: z.object({ tweepId: z.uuid().optional() }) },
  responses: {
    200: jsonResponse(
      z.object({
        items: z.array(
          z.object({
            id: z.uuid(),
            tweepId: z.uuid(),
            revisionId: z.uuid().nullable(),
            moderatorId: z.uuid(),
            moderatorName: z.string(),
            decision: z.enum(["approve", "reject"]),
            reason: z.string().nullable(),
            createdAt: z.string(),
          }),
        ),
      }),
      "Decisions",
    ),
    ...errorResponses,
  },
});

export function registerModerationRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(queue, async (c) => {
    requireModerator(c);
    return c.json(await listModerationQueue(ctx), 200);
  });
  api.openapi(approve, async (c) => {
    const moderator = requireModerator(c);
    const { version } = c.req.valid("json");
    return c.json(await decideTweep(ctx, { tweepId: c.req.valid("param").id, moderatorId: moderator.id, decision: "approve", version }), 200);
  });
  api.openapi(reject, async (c) => {
    const moderator = requireModerator(c);
    const { reason, version } = c.req.valid("json");
    return c.json(
      await decideTweep(ctx, { tweepId: c.req.valid("param").id, moderatorId: moderator.id, decision: "reject", reason, version }),
      200,
    );
  });
  api.openapi(decisions, async (c) => {
    requireModerator(c);
    return c.json(await listModerationDecisions(ctx, c.req.valid("query")), 200);
  });
}
