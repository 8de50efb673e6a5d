import { createHmac, timingSafeEqual } from "node:crypto";

/** Every signed file link in the product lives 5 minutes (SPEC 7, 16, 18, 20). */
export const SIGNED_FILE_LINK_TTL_MS = 5 * 60_000;

export type SignedFileClaims = { id: string; userId: string; exp: number };

function signatureOf(secretKey: string, purpose: string, payload: string): Buffer {
  // The purpose is signed too: a link made for one kind of file can never open another kind.
  return createHmac("sha256", secretKey).update(`${purpose}:${payload}`).digest();
}

/** A token naming one file (`id`) for one user, until `exp` (epoch ms). */
export function signFileToken(secretKey: string, purpose: string, claims: SignedFileClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${signatureOf(secretKey, purpose, payload).toString("base64url")}`;
}

export function verifyFileToken(
  secretKey: string,
  purpose: string,
  token: string,
  now: Date,
): { ok: true; claims: SignedFileClaims } | { ok: false; reason: "invalid" | "expired" } {
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length > 0) return { ok: false, reason: "invalid" };
  const given = Buffer.from(signature, "base64url");
  const expected = signatureOf(secretKey, purpose, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  let claims: SignedFileClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as SignedFileClaims;
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (typeof claims.exp !== "number" || typeof claims.id !== "string" || typeof claims.userId !== "string") return { ok: false, reason: "invalid" };
  if (claims.exp <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}
