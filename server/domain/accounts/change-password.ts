import { and, eq, ne } from "drizzle-orm";
import { authSessions, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { sessionIdOf } from "./auth-sessions.ts";
import { assertNewPasswordAllowed, hashPassword, verifyPassword } from "./passwords.ts";

/**
 * SPEC 20: the current password proves it is the owner; every other session ends, so a
 * person who changes a password because someone else knew it locks that someone out.
 */
export async function changePassword(ctx: AppContext, input: { userId: string; currentPassword: string; newPassword: string; currentToken: string | null }) {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, input.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("invalid_credentials", "The current password is wrong.");
  }
  assertNewPasswordAllowed(input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  const keep = input.currentToken ? sessionIdOf(input.currentToken) : "";
  const ended = await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    return tx
      .delete(authSessions)
      .where(and(eq(authSessions.userId, user.id), ne(authSessions.id, keep)))
      .returning({ id: authSessions.id });
  });
  return { endedSessions: ended.length };
}
