import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { sqlStateOf } from "../../../db/with-transaction.ts";

// Lower-case letters and digits without the ones people confuse (0/o, 1/l/i).
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const CODE_LENGTH = 10;

function newCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  return [...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]).join("");
}

/**
 * SPEC 20: a provider's personal invitation link, made the first time it is asked for and
 * the same ever after. The guarded update keeps the first code when two pages ask at once.
 */
export async function getMyInvitation(ctx: AppContext, input: { userId: string; origin: string }) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [user] = await ctx.db.select({ code: users.invitationCode }).from(users).where(eq(users.id, input.userId));
    if (!user) throw new AppError("not_found", "There is no such account.");
    if (user.code) return { code: user.code, url: `${input.origin}/i/${user.code}` };
    try {
      await ctx.db
        .update(users)
        .set({ invitationCode: newCode() })
        .where(and(eq(users.id, input.userId), isNull(users.invitationCode)));
    } catch (error) {
      // Another provider's code: draw again.
      if (sqlStateOf(error) !== "23505") throw error;
    }
  }
  throw new AppError("unavailable", "Could not make an invitation code; try again.");
}
