import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { closeSupportTicket } from "../../domain/support/close-support-ticket.ts";
import { listMySupportTickets, listSupportMessages, listSupportTicketsForModeration } from "../../domain/support/list-support-tickets.ts";
import { openSupportTicket } from "../../domain/support/open-support-ticket.ts";
import { postSupportMessage } from "../../domain/support/post-support-message.ts";
import { authenticated, requireModerator, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { OpenSupportTicket, SupportBody as Body, SupportMessage, SupportTicket as Ticket } from "../../../contract/people.ts";
import { errorResponses, jsonBody, jsonResponse, sessionRequired } from "../schemas.ts";

// ---- wire shapes (SPEC 20: Support) ----
const TicketId = z.object({ id: z.uuid() });

const open = createRoute({
  operationId: "openSupportTicket",
  security: sessionRequired,
  method: "post",
  path: "/support/tickets",
  middleware: [authenticated] as const,
  tags: ["support"],
  summary: "Open a ticket to the moderators",
  request: { body: jsonBody(OpenSupportTicket) },
  responses: { 201: jsonResponse(z.object({ ticket: Ticket, message: SupportMessage }), "Opened"), ...errorResponses },
});
const mine = createRoute({
  operationId: "listMySupportTickets",
  security: sessionRequired,
  method: "get",
  path: "/support/tickets",
  middleware: [authenticated] as const,
  tags: ["support"],
  summary: "Your tickets",
  responses: { 200: jsonResponse(z.object({ items: z.array(Ticket) }), "Tickets"), ...errorResponses },
});
const messages = createRoute({
  operationId: "listSupportMessages",
  security: sessionRequired,
  method: "get",
  path: "/support/tickets/{id}/messages",
  middleware: [authenticated] as const,
  tags: ["support"],
  summary: "A ticket's correspondence (its author or a moderator)",
  request: { params: TicketId },
  responses: { 200: jsonResponse(z.object({ ticket: Ticket, items: z.array(SupportMessage) }), "Messages"), ...errorResponses },
});
const post = createRoute({
  operationId: "postSupportMessage",
  security: sessionRequired,
  method: "post",
  path: "/support/tickets/{id}/messages",
  middleware: [authenticated] as const,
  tags: ["support"],
  summary: "Write in a ticket (its author or a moderator)",
  request: { params: TicketId, body: jsonBody(z.strictObject({ body: Body })) },
  responses: { 201: jsonResponse(z.object({ message: SupportMessage }), "Posted"), ...errorResponses },
});
const close = createRoute({
  operationId: "closeSupportTicket",
  security: sessionRequired,
  method: "post",
  path: "/support/tickets/{id}/close",
  middleware: [authenticated] as const,
  tags: ["support"],
  summary: "Close a ticket",
  request: { params: TicketId },
  responses: { 200: jsonResponse(z.object({ ticket: Ticket }), "Closed"), ...errorResponses },
});
const queue = createRoute({
  operationId: "listSupportTicketsForModeration",
  security: sessionRequired,
  method: "get",
  path: "/moderation/support-tickets",
  middleware: [authenticated] as const,
  tags: ["moderation"],
  summary: "Support tickets, open ones first",
  responses: { 200: jsonResponse(z.object({ items: z.array(Ticket) }), "Tickets"), ...errorResponses },
});

const viewerOf = (user: { id: string; isModerator: boolean }) => ({ id: user.id, isModerator: user.isModerator });

export function registerSupportRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(open, async (c) => c.json(await openSupportTicket(ctx, { userId: requireUser(c).id, ...c.req.valid("json") }), 201));
  api.openapi(mine, async (c) => c.json(await listMySupportTickets(ctx, { userId: requireUser(c).id }), 200));
  api.openapi(messages, async (c) =>
    c.json(await listSupportMessages(ctx, { ticketId: c.req.valid("param").id, viewer: viewerOf(requireUser(c)) }), 200),
  );
  api.openapi(post, async (c) => {
    const message = await postSupportMessage(ctx, { ticketId: c.req.valid("param").id, viewer: viewerOf(requireUser(c)), body: c.req.valid("json").body });
    return c.json({ message }, 201);
  });
  api.openapi(close, async (c) =>
    c.json({ ticket: await closeSupportTicket(ctx, { ticketId: c.req.valid("param").id, viewer: viewerOf(requireUser(c)) }) }, 200),
  );
  api.openapi(queue, async (c) => {
    requireModerator(c);
    return c.json(await listSupportTicketsForModeration(ctx), 200);
  });
}
