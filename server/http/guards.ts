import { randomUUID } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "../errors.ts";
import type { HttpEnv } from "./http-env.ts";

type Ctx = Context<HttpEnv>;

export function requireUser(c: Ctx) {
  const user = c.get("user");
  if (!user) throw new AppError("unauthenticated", "Log in first.");
  return user;
}

/** Route middleware: refuses anonymous requests before their input is even validated. */
export const authenticated: MiddlewareHandler<HttpEnv> = async (c, next) => {
  requireUser(c);
  await next();
};

export function requireModerator(c: Ctx) {
  const user = requireUser(c);
  if (!user.isModerator) throw new AppError("forbidden", "Only moderators may do this.");
  return user;
}

export function requireAdmin(c: Ctx) {
  const user = requireUser(c);
  if (!user.isAdmin) throw new AppError("forbidden", "Only administrators may do this.");
  return user;
}

/** The client's address: the TCP peer, or what TRUST_PROXY's proxies say it is. */
export function clientIp(c: Ctx): string {
  return c.get("clientAddress");
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/** The client's Idempotency-Key header, or a fresh key when it sent none. */
export function idempotencyKeyOf(c: Ctx): string {
  const key = c.req.header("idempotency-key");
  if (key === undefined) return randomUUID();
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new AppError("validation_failed", "Idempotency-Key must be 8–100 letters, digits, '_', '.', ':' or '-'.");
  }
  return key;
}

/** The origin this request was addressed to, for building absolute return URLs. */
export function requestOrigin(c: Ctx, publicUrl: string | undefined): string {
  if (publicUrl) return new URL(publicUrl).origin;
  return new URL(c.req.url).origin;
}
