import { timingSafeEqual } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { phoneCodes } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { hashPhoneCode } from "./send-phone-code.ts";

const MAX_CODE_ATTEMPTS = 5;

/** Throws unless `code` is the phone's outstanding one-time code; a wrong guess counts. */
export async function checkPhoneCode(ctx: AppContext, phone: string, code: string) {
  const [pending] = await ctx.db.select().from(phoneCodes).where(eq(phoneCodes.phone, phone));
  if (!pending || pending.attempts >= MAX_CODE_ATTEMPTS) throw new AppError("invalid_code", "This code is not valid. Request a new one.");
  if (pending.expiresAt.getTime() <= ctx.now().getTime()) throw new AppError("code_expired", "This code has expired. Request a new one.");
  const expected = Buffer.from(pending.codeHash, "hex");
  const actual = Buffer.from(hashPhoneCode(phone, code.trim()), "hex");
  if (!timingSafeEqual(expected, actual)) {
    await ctx.db
      .update(phoneCodes)
      .set({ attempts: sql`${phoneCodes.attempts} + 1` })
      .where(eq(phoneCodes.phone, phone));
    throw new AppError("invalid_code", "This code is not valid. Check the SMS and try again.");
  }
}

/** Deletes the code inside the caller's transaction, so it is used once even under a race. */
export async function consumePhoneCode(tx: Executor, phone: string) {
  const consumed = await tx.delete(phoneCodes).where(eq(phoneCodes.phone, phone)).returning();
  if (consumed.length !== 1) throw new AppError("invalid_code", "This code was already used. Request a new one.");
}
