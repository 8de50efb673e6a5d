import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors.ts";
import type { HttpEnv } from "./http-env.ts";
import type { RequestSource } from "./request-source.ts";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// The only operations that take files. A cross-site form can post multipart without a
// preflight, so these rely on the Origin check above (browsers always send Origin on a
// cross-site POST) plus the session cookie's SameSite=Lax.
const UPLOAD_PATH = /\/api\/v1\/(tweeps\/[0-9a-f-]{36}\/(files|cover)|conversations\/[0-9a-f-]{36}\/messages|me\/profile\/(photo|gallery)|contacts\/[0-9a-f-]{36}\/documents)$/i;

/**
 * Cross-site request forgery defence for cookie-authenticated state changes: a browser
 * cannot send `application/json` cross-site without a CORS preflight (which we never
 * grant), and it always names the page's origin, which must be ours. Clients that send
 * no Origin, such as scripts and webhooks, are not browsers acting for a victim.
 */
export function securityMiddleware(source: RequestSource): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    if (!STATE_CHANGING.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    if (origin !== undefined) {
      if (!source.isOwnOrigin(origin, c.env.incoming)) {
        throw new AppError("cross_site_request", "Requests from other sites are not accepted.");
      }
    }
    const contentType = c.req.header("content-type") ?? "";
    if (c.req.method === "POST" && UPLOAD_PATH.test(c.req.path) && /^multipart\/form-data\s*;/i.test(contentType)) return next();
    if (!/^application\/json\s*(;|$)/i.test(contentType)) {
      throw new AppError("unsupported_media_type", "Send the request body as application/json.");
    }
    return next();
  };
}
