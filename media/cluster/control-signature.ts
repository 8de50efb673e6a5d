import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** How far apart the signer's and the checker's clocks (plus the request's trip) may be. */
const MAX_SKEW_MS = 60_000;

/**
 * App processes sign every control request to an SFU node with the deployment's SECRET_KEY:
 * the method, the path, the body's digest and the time, so a request cannot be altered, sent to
 * another path, or replayed a minute later. Joins also carry their own signed join token.
 */
export function signControlRequest(input: { secretKey: string; method: string; path: string; body: string; nowMs: number }): string {
  const stamp = String(input.nowMs);
  return `${stamp}.${digest(input.secretKey, stamp, input)}`;
}

export function verifyControlRequest(input: { secretKey: string; method: string; path: string; body: string; nowMs: number; signature: string | undefined }): boolean {
  const signature = input.signature ?? "";
  const dot = signature.indexOf(".");
  if (dot <= 0 || signature.length > 200) return false;
  const stamp = signature.slice(0, dot);
  const signedAt = Number(stamp);
  if (!Number.isSafeInteger(signedAt) || Math.abs(input.nowMs - signedAt) > MAX_SKEW_MS) return false;
  const given = Buffer.from(signature.slice(dot + 1), "base64url");
  const expected = Buffer.from(digest(input.secretKey, stamp, input), "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function digest(secretKey: string, stamp: string, input: { method: string; path: string; body: string }) {
  const bodyHash = createHash("sha256").update(input.body).digest("base64url");
  // The prefix keeps these apart from everything else the key signs (join tokens, links).
  return createHmac("sha256", secretKey).update(`media-control.${stamp}.${input.method.toUpperCase()}.${input.path}.${bodyHash}`).digest("base64url");
}
