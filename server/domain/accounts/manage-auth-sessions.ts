import { and, desc, eq, gt } from "drizzle-orm";
import { authSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { sessionIdOf } from "./auth-sessions.ts";

// The row id is the SHA-256 of the cookie's token: showing it reveals nothing that logs in.

/** SPEC 20: the user's live sessions, marking the one this request came with. */
export async function listAuthSessions(ctx: AppContext, input: { userId: string; currentToken: string | null }) {
  const current = input.currentToken ? sessionIdOf(input.currentToken) : null;
  const rows = await ctx.db
    .select()
    .from(authSessions)
    .where(and(eq(authSessions.userId, input.userId), gt(authSessions.expiresAt, ctx.now())))
    .orderBy(desc(authSessions.createdAt));
  return {
    items: rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      userAgent: row.userAgent,
      current: row.id === current,
    })),
  };
}

/** Ends one of the user's sessions (another device's, or this one). */
export async function endAuthSession(ctx: AppContext, input: { userId: string; sessionId: string }) {
  const ended = await ctx.db
    .delete(authSessions)
    .where(and(eq(authSessions.id, input.sessionId), eq(authSessions.userId, input.userId)))
    .returning({ id: authSessions.id });
  if (ended.length !== 1) throw new AppError("not_found", "There is no such session.");
}

/** Remembers which browser a new session belongs to, so the list can tell them apart. */
export async function labelAuthSession(ctx: AppContext, token: string, userAgent: string | undefined) {
  if (!userAgent) return;
  await ctx.db.update(authSessions).set({ userAgent: userAgent.slice(0, 300) }).where(eq(authSessions.id, sessionIdOf(token)));
}
