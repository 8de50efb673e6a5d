import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { changePassword } from "../../domain/accounts/change-password.ts";
import { confirmPhoneChange, requestPhoneChange } from "../../domain/accounts/change-phone.ts";
import { deleteMyAccount } from "../../domain/accounts/delete-my-account.ts";
import { exportMyData } from "../../domain/accounts/export-my-data.ts";
import { endAuthSession, listAuthSessions } from "../../domain/accounts/manage-auth-sessions.ts";
import { authenticated, clientIp, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { AuthSession, ChangePassword, ConfirmPhone } from "../../../contract/people.ts";
import { UserBody } from "../../../contract/accounts.ts";
import { Phone } from "../../../contract/common.ts";
import { errorResponses, jsonBody, jsonResponse, sessionRequired } from "../schemas.ts";
import { clearSessionCookie } from "../session-cookie.ts";

// ---- wire shapes (SPEC 20: the account's own controls) ----

const requestPhone = createRoute({
  operationId: "requestPhoneChange",
  security: sessionRequired,
  method: "post",
  path: "/me/phone",
  middleware: [authenticated] as const,
  tags: ["account"],
  summary: "Send a code to the new phone (the change takes effect when the code is confirmed)",
  request: { body: jsonBody(z.strictObject({ phone: Phone })) },
  responses: { 202: jsonResponse(z.object({ phone: z.string(), expiresInSeconds: z.number().int() }), "Code sent"), ...errorResponses },
});
const confirmPhone = createRoute({
  operationId: "confirmPhoneChange",
  security: sessionRequired,
  method: "post",
  path: "/me/phone/confirm",
  middleware: [authenticated] as const,
  tags: ["account"],
  summary: "Confirm the new phone with its code",
  request: { body: jsonBody(ConfirmPhone) },
  responses: { 200: jsonResponse(UserBody, "The user with the new phone"), ...errorResponses },
});
const password = createRoute({
  operationId: "changePassword",
  security: sessionRequired,
  method: "post",
  path: "/me/password",
  middleware: [authenticated] as const,
  tags: ["account"],
  summary: "Change the password; every other session ends",
  request: { body: jsonBody(ChangePassword) },
  responses: { 200: jsonResponse(z.object({ endedSessions: z.number().int() }), "Changed"), ...errorResponses },
});
const sessions = createRoute({
  operationId: "listAuthSessions",
  security: sessionRequired,
  method: "get",
  path: "/me/sessions",
  middleware: [authenticated] as const,
  tags: ["account"],
  summary: "Your active sessions",
  responses: { 200: jsonResponse(z.object({ items: z.array(AuthSession) }), "Sessions"), ...errorResponses },
});
const endSession = createRoute({
  operationId: "endAuthSession",
  security: sessionRequired,
  method: "delete",
  path: "/me/sessions/{id}",
  middleware: [authenticated] as const,
  tags: ["account"],
  summary: "End one of your sessions",
  request: { params: z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) }) },
  responses: { 204: { description: "Ended" }, ...errorResponses },
});
const exportData = createRoute({
  operationId: "exportMyData",
  security: sessionRequired,
  method: "get",
  path: "/me/export",
  middleware: [authenticated] as const,
  tags: ["account"],
  summary: "Everything kept about you, as JSON",
  responses: { 200: jsonResponse(z.record(z.string(), z.unknown()), "Your data"), ...errorResponses },
});
const deleteMe = createRoute({
  operationId: "deleteMyAccount",
  security: sessionRequired,
  method: "delete",
  path: "/me",
  middleware: [authenticated] as const,
  tags: ["account"],
  summary: "Delete your account (refused with details.reason while money is held or owed, or orders, appointments, disputes or reports are open)",
  responses: { 204: { description: "Deleted; personal data erased" }, ...errorResponses },
});

export function registerAccountRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(requestPhone, async (c) =>
    c.json(await requestPhoneChange(ctx, { userId: requireUser(c).id, phone: c.req.valid("json").phone, ip: clientIp(c) }), 202),
  );
  api.openapi(confirmPhone, async (c) => c.json({ user: await confirmPhoneChange(ctx, { userId: requireUser(c).id, ...c.req.valid("json") }) }, 200));
  api.openapi(password, async (c) =>
    c.json(await changePassword(ctx, { userId: requireUser(c).id, ...c.req.valid("json"), currentToken: c.get("sessionToken") }), 200),
  );
  api.openapi(sessions, async (c) => c.json(await listAuthSessions(ctx, { userId: requireUser(c).id, currentToken: c.get("sessionToken") }), 200));
  api.openapi(endSession, async (c) => {
    await endAuthSession(ctx, { userId: requireUser(c).id, sessionId: c.req.valid("param").id });
    return c.body(null, 204);
  });
  api.openapi(exportData, async (c) => {
    const data = await exportMyData(ctx, { userId: requireUser(c).id });
    c.header("content-disposition", 'attachment; filename="tweeps-my-data.json"');
    c.header("cache-control", "private, no-store");
    return c.json(data, 200);
  });
  api.openapi(deleteMe, async (c) => {
    await deleteMyAccount(ctx, { userId: requireUser(c).id });
    clearSessionCookie(c, ctx.config);
    return c.body(null, 204);
  });
}
