import { createHmac, timingSafeEqual } from "node:crypto";

export const DOWNLOAD_LINK_TTL_MS = 5 * 60_000;

export type DownloadClaims = { fileId: string; orderId: string; userId: string; exp: number };

function signatureOf(secretKey: string, payload: string): Buffer {
  // A purpose prefix keeps these signatures from being valid for any other signed thing.
  return createHmac("sha256", secretKey).update(`download:${payload}`).digest();
}

/** `<base64url JSON claims>.<base64url HMAC-SHA256>`; `exp` is in epoch milliseconds. */
export function signDownloadToken(secretKey: string, claims: DownloadClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${signatureOf(secretKey, payload).toString("base64url")}`;
}

export type VerifiedDownload = { ok: true; claims: DownloadClaims } | { ok: false; reason: "invalid" | "expired" };

/** Checks the signature before reading the claims, then the expiry. */
export function verifyDownloadToken(secretKey: string, token: string, now: Date): VerifiedDownload {
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length > 0) return { ok: false, reason: "invalid" };
  const given = Buffer.from(signature, "base64url");
  const expected = signatureOf(secretKey, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  let claims: DownloadClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as DownloadClaims;
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (typeof claims.exp !== "number" || typeof claims.fileId !== "string" || typeof claims.userId !== "string" || typeof claims.orderId !== "string") {
    return { ok: false, reason: "invalid" };
  }
  if (claims.exp <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}
