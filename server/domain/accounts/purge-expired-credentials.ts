import { lt } from "drizzle-orm";
import { authSessions, phoneCodes } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";

/** Expired sessions and codes are useless; deleting them keeps the tables small. */
export async function purgeExpiredCredentials(ctx: AppContext) {
  const now = ctx.now();
  const sessions = await ctx.db.delete(authSessions).where(lt(authSessions.expiresAt, now)).returning({ id: authSessions.id });
  const codes = await ctx.db.delete(phoneCodes).where(lt(phoneCodes.expiresAt, now)).returning({ phone: phoneCodes.phone });
  return { sessions: sessions.length, codes: codes.length };
}
