import { and, eq, lte } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { announceLiveStatus } from "./announce-live-status.ts";

/**
 * "Pause 20 minutes" ends by itself (SPEC 15): paused providers whose pause is over are
 * Available again. The end time is in the database, so any process, after any restart,
 * resumes them once (a guarded update).
 */
export async function resumePausedProviders(ctx: AppContext) {
  const resumed = await ctx.db
    .update(users)
    .set({ providerStatus: "available", pausedUntil: null })
    .where(and(eq(users.providerStatus, "paused"), lte(users.pausedUntil, ctx.now())))
    .returning({ id: users.id });
  for (const { id } of resumed) await announceLiveStatus(ctx, id);
  return { resumed: resumed.length };
}
