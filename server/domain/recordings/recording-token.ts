import { createHmac, timingSafeEqual } from "node:crypto";

/** SPEC 18: links to recordings live 5 minutes. */
export const RECORDING_LINK_TTL_MS = 5 * 60_000;

export type RecordingClaims = { fileId: string; userId: string; exp: number };

function signatureOf(secretKey: string, payload: string): Buffer {
  // Its own purpose prefix: no other signed link is valid here, nor this one elsewhere.
  return createHmac("sha256", secretKey).update(`recording:${payload}`).digest();
}

export function signRecordingToken(secretKey: string, claims: RecordingClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${signatureOf(secretKey, payload).toString("base64url")}`;
}

export function verifyRecordingToken(secretKey: string, token: string, now: Date): { ok: true; claims: RecordingClaims } | { ok: false; reason: "invalid" | "expired" } {
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length > 0) return { ok: false, reason: "invalid" };
  const given = Buffer.from(signature, "base64url");
  const expected = signatureOf(secretKey, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  let claims: RecordingClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as RecordingClaims;
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (typeof claims.exp !== "number" || typeof claims.fileId !== "string" || typeof claims.userId !== "string") return { ok: false, reason: "invalid" };
  if (claims.exp <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}
