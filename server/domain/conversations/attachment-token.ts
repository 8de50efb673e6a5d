import { createHmac, timingSafeEqual } from "node:crypto";

export const ATTACHMENT_LINK_TTL_MS = 5 * 60_000;

export type AttachmentClaims = { messageId: string; userId: string; exp: number };

function signatureOf(secretKey: string, payload: string): Buffer {
  // Its own purpose prefix: a download link of an order can never open an attachment, or back.
  return createHmac("sha256", secretKey).update(`attachment:${payload}`).digest();
}

export function signAttachmentToken(secretKey: string, claims: AttachmentClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${signatureOf(secretKey, payload).toString("base64url")}`;
}

export function verifyAttachmentToken(secretKey: string, token: string, now: Date): { ok: true; claims: AttachmentClaims } | { ok: false; reason: "invalid" | "expired" } {
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length > 0) return { ok: false, reason: "invalid" };
  const given = Buffer.from(signature, "base64url");
  const expected = signatureOf(secretKey, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  let claims: AttachmentClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as AttachmentClaims;
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (typeof claims.exp !== "number" || typeof claims.messageId !== "string" || typeof claims.userId !== "string") return { ok: false, reason: "invalid" };
  if (claims.exp <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}
