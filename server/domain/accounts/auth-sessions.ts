import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { authSessions, users } from "../../../db/schema.ts";

// Database sessions in the shape Lucia's authors recommend: a random token in the cookie,
// its SHA-256 as the row id, sliding expiry. Revocable at once, unlike signed cookies.
const SESSION_DAYS = 30;
const RENEW_WHEN_DAYS_LEFT = 15;
const DAY_MS = 86_400_000;

export const SESSION_COOKIE = "tweeps_session";
export const SESSION_MAX_AGE_SECONDS = SESSION_DAYS * 86_400;

export type SessionUser = typeof users.$inferSelect;

export async function createAuthSession(db: Executor, userId: string, now: Date): Promise<string> {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const token = encodeBase32LowerCaseNoPadding(bytes);
  await db.insert(authSessions).values({
    id: sessionIdOf(token),
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_DAYS * DAY_MS),
  });
  return token;
}

export async function findSessionUser(db: Executor, token: string, now: Date): Promise<SessionUser | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = sessionIdOf(token);
  const [row] = await db
    .select({ user: users, expiresAt: authSessions.expiresAt })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(eq(authSessions.id, id));
  if (!row) return null;
  if (row.expiresAt.getTime() <= now.getTime()) {
    await db.delete(authSessions).where(eq(authSessions.id, id));
    return null;
  }
  if (row.expiresAt.getTime() - now.getTime() < RENEW_WHEN_DAYS_LEFT * DAY_MS) {
    await db
      .update(authSessions)
      .set({ expiresAt: new Date(now.getTime() + SESSION_DAYS * DAY_MS) })
      .where(eq(authSessions.id, id));
  }
  return row.user;
}

export async function deleteAuthSession(db: Executor, token: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.id, sessionIdOf(token)));
}

export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
