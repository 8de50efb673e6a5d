import { eq } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { createAuthSession } from "./auth-sessions.ts";
import { normalizePhone } from "./normalize-phone.ts";
import { verifyPassword } from "./passwords.ts";
import { toPublicUser } from "./public-user.ts";

/**
 * Failed logins slow down per phone *and* source address together, so a stranger guessing
 * from elsewhere never locks the owner out; a generous per-phone back-off bounds guessing
 * spread over many addresses. Delays double with each failure; nothing is a hard lock.
 */
export async function logIn(ctx: AppContext, input: { phone: string; password: string; ip: string }) {
  const phone = normalizePhone(input.phone);
  const phoneAndSource = `${phone}|${input.ip}`;
  await ctx.rateLimits.consume("loginPerIp", input.ip);
  await ctx.rateLimits.checkBackoff("loginFailuresPerPhoneAndSource", phoneAndSource);
  await ctx.rateLimits.checkBackoff("loginFailuresPerPhone", phone);

  const [user] = await ctx.db.select().from(users).where(eq(users.phone, phone));
  const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !valid) {
    await ctx.rateLimits.recordFailure("loginFailuresPerPhoneAndSource", phoneAndSource);
    await ctx.rateLimits.recordFailure("loginFailuresPerPhone", phone);
    throw new AppError("invalid_credentials", "The phone or the password is wrong.");
  }

  await ctx.rateLimits.resetBackoff("loginFailuresPerPhoneAndSource", phoneAndSource);
  const sessionToken = await createAuthSession(ctx.db, user.id, ctx.now());
  return { user: toPublicUser(user), sessionToken };
}
