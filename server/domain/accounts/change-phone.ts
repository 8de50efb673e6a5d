import { and, eq, isNull } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { sqlStateOf, withTransaction } from "../../../db/with-transaction.ts";
import { checkPhoneCode, consumePhoneCode } from "./check-phone-code.ts";
import { normalizePhone } from "./normalize-phone.ts";
import { toPublicUser } from "./public-user.ts";
import { sendPhoneCode } from "./send-phone-code.ts";

const phoneTaken = () => new AppError("conflict", "Another account uses this phone.", { details: { reason: "phone_taken" } });

/** SPEC 20: a new phone is proved like a first one, by a code sent to it. */
export async function requestPhoneChange(ctx: AppContext, input: { userId: string; phone: string; ip: string }) {
  const phone = normalizePhone(input.phone);
  const [owner] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.phone, phone));
  const [me] = await ctx.db.select({ language: users.language }).from(users).where(eq(users.id, input.userId));
  if (owner) {
    if (owner.id === input.userId) throw new AppError("validation_failed", "phone: this is already your phone.");
    throw phoneTaken();
  }
  return sendPhoneCode(ctx, { phone, ip: input.ip, language: me?.language ?? "ru" });
}

export async function confirmPhoneChange(ctx: AppContext, input: { userId: string; phone: string; code: string }) {
  const phone = normalizePhone(input.phone);
  await checkPhoneCode(ctx, phone, input.code);
  const user = await withTransaction(ctx.db, async (tx) => {
    await consumePhoneCode(tx, phone);
    const [updated] = await tx
      .update(users)
      .set({ phone })
      .where(and(eq(users.id, input.userId), isNull(users.deletedAt)))
      .returning();
    if (!updated) throw new AppError("not_found", "There is no such account.");
    return updated;
  }).catch((error: unknown) => {
    if (sqlStateOf(error) === "23505") throw phoneTaken();
    throw error;
  });
  return toPublicUser(user);
}
