import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { getCookie } from "hono/cookie";
import { resolveLocale } from "../../../app/lib/locale.ts";
import type { AppContext } from "../../context.ts";
import { deleteAuthSession } from "../../domain/accounts/auth-sessions.ts";
import { logIn } from "../../domain/accounts/log-in.ts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../domain/accounts/passwords.ts";
import { sendPhoneCode } from "../../domain/accounts/send-phone-code.ts";
import { verifyPhoneCode } from "../../domain/accounts/verify-phone-code.ts";
import { clientIp } from "../guards.ts";
import { singleLineText } from "../../../contract/free-text.ts";
import type { HttpEnv } from "../http-env.ts";
import { UserBody } from "../../../contract/accounts.ts";
import { Phone } from "../../../contract/common.ts";
import { errorResponses, jsonBody, jsonResponse, sessionOptional } from "../schemas.ts";
import { clearSessionCookie, LOCALE_COOKIE, setSessionCookie } from "../session-cookie.ts";

const Password = singleLineText().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

const register = createRoute({
  operationId: "requestCode",
  method: "post",
  path: "/auth/register",
  tags: ["auth"],
  summary: "Send a one-time code by SMS to start registration (or reset the password)",
  request: { body: jsonBody(z.strictObject({ phone: Phone })) },
  responses: {
    202: jsonResponse(z.object({ phone: z.string(), expiresInSeconds: z.number().int() }), "Code sent"),
    ...errorResponses,
  },
});

const verify = createRoute({
  operationId: "verifyCode",
  method: "post",
  path: "/auth/verify",
  tags: ["auth"],
  summary: "Check the code, set the password and log in",
  request: {
    body: jsonBody(z.strictObject({ phone: Phone, code: z.string().regex(/^\s*\d{6}\s*$/), password: Password })),
  },
  responses: { 200: jsonResponse(UserBody, "Logged in; the session cookie is set"), ...errorResponses },
});

const login = createRoute({
  operationId: "logIn",
  method: "post",
  path: "/auth/login",
  tags: ["auth"],
  summary: "Log in with phone and password",
  request: { body: jsonBody(z.strictObject({ phone: Phone, password: singleLineText().min(1).max(PASSWORD_MAX_LENGTH) })) },
  responses: { 200: jsonResponse(UserBody, "Logged in; the session cookie is set"), ...errorResponses },
});

const logout = createRoute({
  operationId: "logOut",
  security: sessionOptional,
  method: "post",
  path: "/auth/logout",
  tags: ["auth"],
  summary: "End this session",
  responses: { 204: { description: "Logged out" }, ...errorResponses },
});

export function registerAuthRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(register, async (c) => {
    const { phone } = c.req.valid("json");
    // The page's language: its cookie, else the browser's languages (as the pages pick it).
    const language = resolveLocale(getCookie(c, LOCALE_COOKIE), c.req.header("accept-language"));
    return c.json(await sendPhoneCode(ctx, { phone, ip: clientIp(c), language }), 202);
  });

  api.openapi(verify, async (c) => {
    const { user, sessionToken } = await verifyPhoneCode(ctx, c.req.valid("json"));
    setSessionCookie(c, ctx.config, sessionToken, user.language);
    return c.json({ user }, 200);
  });

  api.openapi(login, async (c) => {
    const { user, sessionToken } = await logIn(ctx, { ...c.req.valid("json"), ip: clientIp(c) });
    setSessionCookie(c, ctx.config, sessionToken, user.language);
    return c.json({ user }, 200);
  });

  api.openapi(logout, async (c) => {
    const token = c.get("sessionToken");
    if (token) await deleteAuthSession(ctx.db, token);
    clearSessionCookie(c, ctx.config);
    return c.body(null, 204);
  });
}
