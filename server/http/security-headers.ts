import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestSource } from "./request-source.ts";

const HSTS = "max-age=31536000; includeSubDomains";
// JSON and files are never documents to run or frame.
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Headers on every response, pages and API alike: no framing (a same-site page could frame
 * /finances), no MIME sniffing, no full URLs leaking to other sites, HSTS when the client
 * reached us over HTTPS. Pages get a Content-Security-Policy whose script nonce is fresh
 * per request; Next.js reads it from the request's own CSP header and puts it on its scripts.
 */
export function createSecurityHeaders(options: { source: RequestSource; publicUrl: string | undefined; development: boolean }) {
  const publicHttps = options.publicUrl?.startsWith("https:") ?? false;
  const overHttps = (req: IncomingMessage) => publicHttps || options.source.protocol(req) === "https";

  function common(req: IncomingMessage, res: ServerResponse) {
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    // Camera and microphone are the video consultation's; nothing else needs a device.
    res.setHeader("Permissions-Policy", "camera=(self), microphone=(self), geolocation=(), payment=()");
    if (overHttps(req)) res.setHeader("Strict-Transport-Security", HSTS);
  }

  return {
    api(req: IncomingMessage, res: ServerResponse) {
      common(req, res);
      res.setHeader("Content-Security-Policy", API_POLICY);
    },
    /** Sets the page's policy on the response and hands the same policy to Next.js on the request. */
    page(req: IncomingMessage, res: ServerResponse) {
      common(req, res);
      const nonce = randomBytes(16).toString("base64");
      const policy = pagePolicy(nonce, options.development, overHttps(req));
      req.headers["content-security-policy"] = policy;
      res.setHeader("Content-Security-Policy", policy);
    },
  };
}

export function pagePolicy(nonce: string, development: boolean, https: boolean): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts Next's nonce-carrying scripts load are trusted, nothing else.
    // React's development build needs eval for its error overlays.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Style attributes (React `style=`) cannot carry a nonce; injected CSS cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    // Video consultations play MediaStreams; 'self' covers the Socket.IO WebSocket too.
    "media-src 'self' blob: data: mediastream:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
