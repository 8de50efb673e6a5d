import { eq } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { toPublicUser } from "./public-user.ts";

export type ProfileChanges = {
  name?: string;
  email?: string | null;
  timeZone?: string;
  language?: "ru" | "en";
};

export async function updateProfile(ctx: AppContext, userId: string, changes: ProfileChanges) {
  if (changes.timeZone !== undefined && !isIanaTimeZone(changes.timeZone)) {
    throw new AppError("validation_failed", `"${changes.timeZone}" is not an IANA time zone such as Europe/Moscow.`);
  }
  const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  const [updated] =
    Object.keys(set).length > 0
      ? await ctx.db.update(users).set(set).where(eq(users.id, userId)).returning()
      : await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!updated) throw new AppError("not_found", "This account no longer exists.");
  return toPublicUser(updated);
}

export function isIanaTimeZone(value: string): boolean {
  // Aliases like "UTC" are accepted by Intl but missing from supportedValuesOf.
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
