import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppContext } from "../context.ts";
import { findSessionUser, SESSION_COOKIE } from "../domain/accounts/auth-sessions.ts";
import type { HttpEnv } from "./http-env.ts";

export function sessionMiddleware(ctx: AppContext): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE) ?? null;
    c.set("sessionToken", token);
    c.set("user", token ? await findSessionUser(ctx.db, token, ctx.now()) : null);
    return next();
  };
}
