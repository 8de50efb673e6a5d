import { createHmac, timingSafeEqual } from "node:crypto";
import { MediaError } from "./media-error.ts";

export type MediaRole = "provider" | "customer";

export type JoinGrant = { roomId: string; userId: string; role: MediaRole; expiresAt: Date };

type TokenPayload = { r: string; u: string; p: MediaRole; e: number };

const MAX_TOKEN_LENGTH = 2_048;

/**
 * A short-lived capability to join one room in one role. Signed rather than stored so that the
 * media server can check it without a database, and in another process than the one that issued it.
 */
export function createJoinToken(input: {
  secretKey: string;
  roomId: string;
  userId: string;
  role: MediaRole;
  now: Date;
  ttlSeconds?: number;
}): string {
  const ttlSeconds = input.ttlSeconds ?? 60;
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new RangeError("ttlSeconds must be positive");
  const payload: TokenPayload = {
    r: input.roomId,
    u: input.userId,
    p: input.role,
    e: Math.floor(input.now.getTime() / 1000) + Math.ceil(ttlSeconds),
  };
  const body = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
  return `${body}.${signBody(input.secretKey, body)}`;
}

/** Throws MediaError("invalid_token") for anything but an intact, unexpired token. */
export function verifyJoinToken(input: { secretKey: string; token: string; now: Date }): JoinGrant {
  const { token } = input;
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) throw invalidToken("malformed");
  const dot = token.indexOf(".");
  if (dot <= 0 || dot !== token.lastIndexOf(".")) throw invalidToken("malformed");
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = Buffer.from(signBody(input.secretKey, body), "base64url");
  // The signature is checked before the body is decoded, so nothing unsigned is ever parsed.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidToken("bad signature");
  const payload = parsePayload(body);
  if (payload.e * 1000 <= input.now.getTime()) throw invalidToken("expired");
  return { roomId: payload.r, userId: payload.u, role: payload.p, expiresAt: new Date(payload.e * 1000) };
}

function signBody(secretKey: string, body: string): string {
  // The key also signs other things (download links); the prefix keeps those from passing as join tokens.
  return createHmac("sha256", secretKey).update(`media-join.${body}`).digest("base64url");
}

function parsePayload(body: string): TokenPayload {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    throw invalidToken("malformed");
  }
  if (typeof value !== "object" || value === null) throw invalidToken("malformed");
  const { r, u, p, e } = value as Record<string, unknown>;
  if (typeof r !== "string" || r === "" || typeof u !== "string" || u === "") throw invalidToken("malformed");
  if (p !== "provider" && p !== "customer") throw invalidToken("malformed");
  if (typeof e !== "number" || !Number.isSafeInteger(e)) throw invalidToken("malformed");
  return { r, u, p, e };
}

function invalidToken(reason: string) {
  return new MediaError("invalid_token", `The media join token is not valid (${reason}).`);
}
