import { eq } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { createAuthSession } from "./auth-sessions.ts";
import { normalizePhone } from "./normalize-phone.ts";
import { verifyPassword } from "./passwords.ts";
import { toPublicUser } from "./public-user.ts";

export async function logIn(ctx: AppContext, input: { phone: string; password: string; ip: string }) {
  const phone = normalizePhone(input.phone);
  await ctx.rateLimits.consume("loginPerIp", input.ip);
  await ctx.rateLimits.consume("loginPerPhone", phone);

  const [user] = await ctx.db.select().from(users).where(eq(users.phone, phone));
  const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !valid) throw new AppError("invalid_credentials", "The phone or the password is wrong.");

  await ctx.rateLimits.reset("loginPerPhone", phone);
  const sessionToken = await createAuthSession(ctx.db, user.id, ctx.now());
  return { user: toPublicUser(user), sessionToken };
}
