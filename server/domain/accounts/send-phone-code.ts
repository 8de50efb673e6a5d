import { createHash, randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { phoneCodes, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { normalizePhone } from "./normalize-phone.ts";

export const PHONE_CODE_TTL_SECONDS = 10 * 60;

/** The SMS in one language: short, and a code mixed into two languages reads as spam. */
export function phoneCodeText(code: string, language: "ru" | "en"): string {
  return language === "ru"
    ? `Tweeps: ваш код ${code}. Он действует 10 минут.`
    : `Tweeps: your code is ${code}. It is valid for 10 minutes.`;
}

/**
 * SPEC 1: registration (and password reset) starts with a one-time code by SMS, in the
 * account's language, or for a new phone in the language of the page that asked.
 */
export async function sendPhoneCode(ctx: AppContext, input: { phone: string; ip: string; language: "ru" | "en" }) {
  const phone = normalizePhone(input.phone);
  await ctx.rateLimits.consume("codePerIp", input.ip);
  await ctx.rateLimits.consume("codePerPhone", phone);

  const code = randomInt(0, 1_000_000).toString().padStart(6, "0");
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + PHONE_CODE_TTL_SECONDS * 1000);
  const codeHash = hashPhoneCode(phone, code);
  await ctx.db
    .insert(phoneCodes)
    .values({ phone, codeHash, attempts: 0, createdAt: now, expiresAt })
    .onConflictDoUpdate({ target: phoneCodes.phone, set: { codeHash, attempts: 0, createdAt: now, expiresAt } });
  const [account] = await ctx.db.select({ language: users.language }).from(users).where(eq(users.phone, phone));
  await ctx.sms.send(phone, phoneCodeText(code, account?.language ?? input.language));
  return { phone, expiresInSeconds: PHONE_CODE_TTL_SECONDS };
}

export function hashPhoneCode(phone: string, code: string): string {
  return createHash("sha256").update(`${phone}:${code}`).digest("hex");
}
