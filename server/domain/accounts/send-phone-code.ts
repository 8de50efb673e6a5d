import { createHash, randomInt } from "node:crypto";
import { phoneCodes } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { normalizePhone } from "./normalize-phone.ts";

export const PHONE_CODE_TTL_SECONDS = 10 * 60;

/** SPEC 1: registration (and password reset) starts with a one-time code by SMS. */
export async function sendPhoneCode(ctx: AppContext, input: { phone: string; ip: string }) {
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
  await ctx.sms.send(phone, `Tweeps: your code is ${code}. It is valid for 10 minutes. Код Tweeps: ${code}.`);
  return { phone, expiresInSeconds: PHONE_CODE_TTL_SECONDS };
}

export function hashPhoneCode(phone: string, code: string): string {
  return createHash("sha256").update(`${phone}:${code}`).digest("hex");
}
