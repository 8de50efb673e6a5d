import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { listNotifications } from "../../domain/notifications/list-notifications.ts";
import { markNotificationsRead } from "../../domain/notifications/mark-notifications-read.ts";
import { authenticated, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { MarkNotificationsRead as MarkRead, NotificationList } from "../../../contract/people.ts";
import { errorResponses, jsonBody, jsonResponse, sessionRequired } from "../schemas.ts";

const list = createRoute({
  operationId: "listNotifications",
  security: sessionRequired,
  method: "get",
  path: "/notifications",
  middleware: [authenticated] as const,
  tags: ["notifications"],
  summary: "Everything you were told, newest first, and the unread count",
  request: {
    query: z.object({
      before: z.iso.datetime({ offset: true }).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(30),
    }),
  },
  responses: { 200: jsonResponse(NotificationList, "Notifications"), ...errorResponses },
});

const read = createRoute({
  operationId: "markNotificationsRead",
  security: sessionRequired,
  method: "post",
  path: "/notifications/read",
  middleware: [authenticated] as const,
  tags: ["notifications"],
  summary: "Mark the given notifications read, or all of them without ids",
  request: { body: jsonBody(MarkRead) },
  responses: { 200: jsonResponse(z.object({ unreadCount: z.number().int() }), "The new unread count"), ...errorResponses },
});

export function registerNotificationRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(list, async (c) => {
    const user = requireUser(c);
    const { before, limit } = c.req.valid("query");
    return c.json(await listNotifications(ctx, { userId: user.id, language: user.language, before: before ? new Date(before) : undefined, limit }), 200);
  });
  api.openapi(read, async (c) => c.json(await markNotificationsRead(ctx, { userId: requireUser(c).id, ids: c.req.valid("json").ids }), 200));
}
