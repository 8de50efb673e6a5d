import { timingSafeEqual } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { authSessions, phoneCodes, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { ensureUserAccount } from "../ledger/ledger-accounts.ts";
import { createAuthSession } from "./auth-sessions.ts";
import { normalizePhone } from "./normalize-phone.ts";
import { assertNewPasswordAllowed, hashPassword } from "./passwords.ts";
import { toPublicUser } from "./public-user.ts";
import { hashPhoneCode } from "./send-phone-code.ts";

const MAX_CODE_ATTEMPTS = 5;

/**
 * Checks the SMS code and sets the password: creates the account for a new phone, or
 * resets the password of an existing one (the phone proved ownership either way).
 * Logs the user in, ending every other session of the account.
 */
export async function verifyPhoneCode(ctx: AppContext, input: { phone: string; code: string; password: string }) {
  const phone = normalizePhone(input.phone);
  assertNewPasswordAllowed(input.password);
  const now = ctx.now();
  const [pending] = await ctx.db.select().from(phoneCodes).where(eq(phoneCodes.phone, phone));
  if (!pending || pending.attempts >= MAX_CODE_ATTEMPTS) {
    throw new AppError("invalid_code", "This code is not valid. Request a new one.");
  }
  if (pending.expiresAt.getTime() <= now.getTime()) {
    throw new AppError("code_expired", "This code has expired. Request a new one.");
  }
  const expected = Buffer.from(pending.codeHash, "hex");
  const actual = Buffer.from(hashPhoneCode(phone, input.code.trim()), "hex");
  if (!timingSafeEqual(expected, actual)) {
    await ctx.db
      .update(phoneCodes)
      .set({ attempts: sql`${phoneCodes.attempts} + 1` })
      .where(eq(phoneCodes.phone, phone));
    throw new AppError("invalid_code", "This code is not valid. Check the SMS and try again.");
  }

  const passwordHash = await hashPassword(input.password);
  const { user, token } = await ctx.db.transaction(async (tx) => {
    // Deleting the code inside the transaction makes it single-use even under a race.
    const consumed = await tx.delete(phoneCodes).where(eq(phoneCodes.phone, phone)).returning();
    if (consumed.length !== 1) throw new AppError("invalid_code", "This code was already used. Request a new one.");
    const [saved] = await tx
      .insert(users)
      .values({ phone, passwordHash })
      .onConflictDoUpdate({ target: users.phone, set: { passwordHash } })
      .returning();
    if (!saved) throw new Error("user upsert returned nothing");
    await ensureUserAccount(tx, saved.id, ctx.config.currency);
    // A reset means the old password may be known to someone else: every session opened
    // with it ends, and only the one this reset opens remains.
    await tx.delete(authSessions).where(eq(authSessions.userId, saved.id));
    return { user: saved, token: await createAuthSession(tx, saved.id, now) };
  });
  return { user: toPublicUser(user), sessionToken: token };
}
