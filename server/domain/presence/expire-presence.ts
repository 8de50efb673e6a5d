import type { AppContext } from "../../context.ts";
import { announceLiveStatus } from "./announce-live-status.ts";

/** The loop for pages that vanished without closing: their users go offline, announced once. */
export async function expirePresence(ctx: AppContext) {
  const expired = await ctx.presence.takeExpired(ctx.now());
  for (const userId of expired) await announceLiveStatus(ctx, userId);
  return { expired: expired.length };
}
