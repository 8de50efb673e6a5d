import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../errors.ts";
import type { HttpEnv } from "./http-env.ts";

/** Enough for the longest tweep description in two languages with every link. */
export const DEFAULT_JSON_BODY_BYTES = 64 * 1024;
/** Stripe's event payloads carry whole objects; their documented maximum is far below this. */
const STRIPE_WEBHOOK_BYTES = 1024 * 1024;
const UPLOAD_PATH = /\/api\/v1\/tweeps\/[0-9a-f-]{36}\/(files|cover)$/i;
const WEBHOOK_PATH = /\/api\/v1\/payments\/stripe\/webhook$/;

/**
 * Caps a request body before it is buffered: a declared Content-Length above the cap is
 * refused without reading a byte, and a chunked body is counted as it streams and refused
 * the moment it passes the cap. The connection is closed so the rest is never read.
 * Uploads have their own, larger cap on their routes.
 */
export function jsonBodyLimit(): MiddlewareHandler<HttpEnv> {
  const limits = new Map<number, MiddlewareHandler<HttpEnv>>();
  const limiter = (maxSize: number) => {
    let handler = limits.get(maxSize);
    if (!handler) {
      handler = bodyLimit({
        maxSize,
        onError: (c) => {
          c.header("Connection", "close");
          throw new AppError("payload_too_large", `The request body is larger than ${Math.round(maxSize / 1024)} KB.`);
        },
      });
      limits.set(maxSize, handler);
    }
    return handler;
  };
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD" || UPLOAD_PATH.test(c.req.path)) return next();
    return limiter(WEBHOOK_PATH.test(c.req.path) ? STRIPE_WEBHOOK_BYTES : DEFAULT_JSON_BODY_BYTES)(c, next);
  };
}
