import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { postSessionReview } from "../../domain/reviews/post-session-review.ts";
import { readSessionReviews } from "../../domain/reviews/read-session-reviews.ts";
import { authenticated, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { SessionReviewRequest, SessionReviews } from "../../../contract/reviews.ts";
import { errorResponses, jsonBody, jsonResponse, sessionRequired } from "../schemas.ts";

const SessionId = z.object({ id: z.uuid() });

const read = createRoute({
  operationId: "readSessionReviews",
  security: sessionRequired,
  method: "get",
  path: "/sessions/{id}/reviews",
  middleware: [authenticated] as const,
  tags: ["sessions"],
  summary: "A session's reviews as a party sees them: yours, and the other's once both are written or the 7 days are over",
  request: { params: SessionId },
  responses: { 200: jsonResponse(SessionReviews, "The reviews"), ...errorResponses },
});
const post = createRoute({
  operationId: "reviewSession",
  security: sessionRequired,
  method: "post",
  path: "/sessions/{id}/reviews",
  middleware: [authenticated] as const,
  tags: ["sessions"],
  summary: "Review the other party of a session with a paid block (1–5 and a text), once, within 7 days of its end",
  request: { params: SessionId, body: jsonBody(SessionReviewRequest) },
  responses: { 201: jsonResponse(SessionReviews, "Written"), ...errorResponses },
});

export function registerReviewRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(read, async (c) => c.json(await readSessionReviews(ctx, { sessionId: c.req.valid("param").id, userId: requireUser(c).id }), 200));
  api.openapi(post, async (c) => {
    const body = c.req.valid("json");
    const view = await postSessionReview(ctx, { sessionId: c.req.valid("param").id, userId: requireUser(c).id, rating: body.rating, text: body.text });
    return c.json(view, 201);
  });
}
