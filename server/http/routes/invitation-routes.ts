import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import QRCode from "qrcode";
import type { AppContext } from "../../context.ts";
import { acceptInvitation, findInviter } from "../../domain/invitations/accept-invitation.ts";
import { getMyInvitation } from "../../domain/invitations/get-my-invitation.ts";
import { listMyProviders } from "../../domain/invitations/list-my-providers.ts";
import { authenticated, requestOrigin, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { Invitation, InvitationCode as Code, Inviter, MyProvider } from "../../../contract/people.ts";
import { errorResponses, jsonResponse, sessionRequired } from "../schemas.ts";

const mine = createRoute({
  operationId: "getMyInvitation",
  security: sessionRequired,
  method: "get",
  path: "/me/invitation",
  middleware: [authenticated] as const,
  tags: ["invitations"],
  summary: "Your personal invitation link",
  responses: { 200: jsonResponse(Invitation, "The link and its code"), ...errorResponses },
});
const qr = createRoute({
  operationId: "getMyInvitationQr",
  security: sessionRequired,
  method: "get",
  path: "/me/invitation/qr.svg",
  middleware: [authenticated] as const,
  tags: ["invitations"],
  summary: "Your invitation link as a QR code (SVG)",
  responses: { 200: { description: "SVG", content: { "image/svg+xml": { schema: z.string() } } }, ...errorResponses },
});
const inviter = createRoute({
  operationId: "getInviter",
  method: "get",
  path: "/invitations/{code}",
  tags: ["invitations"],
  summary: "Who invites through this code (for the invitation page)",
  request: { params: Code },
  responses: { 200: jsonResponse(z.object({ provider: Inviter }), "The provider"), ...errorResponses },
});
const accept = createRoute({
  operationId: "acceptInvitation",
  security: sessionRequired,
  method: "post",
  path: "/invitations/{code}/accept",
  middleware: [authenticated] as const,
  tags: ["invitations"],
  summary: "Take the invitation: the provider joins your providers",
  request: { params: Code },
  responses: { 200: jsonResponse(z.object({ provider: Inviter }), "Accepted"), ...errorResponses },
});
const providers = createRoute({
  operationId: "listMyProviders",
  security: sessionRequired,
  method: "get",
  path: "/me/providers",
  middleware: [authenticated] as const,
  tags: ["invitations"],
  summary: "My providers: those you have orders or an invitation with, with live status",
  responses: { 200: jsonResponse(z.object({ items: z.array(MyProvider) }), "Providers"), ...errorResponses },
});

export function registerInvitationRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(mine, async (c) => c.json(await getMyInvitation(ctx, { userId: requireUser(c).id, origin: requestOrigin(c, ctx.config.publicUrl) }), 200));
  api.openapi(qr, async (c) => {
    const { url } = await getMyInvitation(ctx, { userId: requireUser(c).id, origin: requestOrigin(c, ctx.config.publicUrl) });
    const svg = await QRCode.toString(url, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
    return c.body(svg, 200, { "content-type": "image/svg+xml; charset=utf-8", "cache-control": "private, max-age=300", "x-content-type-options": "nosniff" }) as never;
  });
  api.openapi(inviter, async (c) => c.json({ provider: await findInviter(ctx, c.req.valid("param").code) }, 200));
  api.openapi(accept, async (c) => c.json(await acceptInvitation(ctx, { code: c.req.valid("param").code, customerId: requireUser(c).id }), 200));
  api.openapi(providers, async (c) => c.json(await listMyProviders(ctx, { userId: requireUser(c).id }), 200));
}
