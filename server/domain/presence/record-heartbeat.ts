import type { AppContext } from "../../context.ts";
import { announceLiveStatus } from "./announce-live-status.ts";
import { PRESENCE_TTL_MS } from "./presence-timing.ts";

/** A page of the user's is open: online for another TTL; announced when that is news. */
export async function recordHeartbeat(ctx: AppContext, input: { userId: string }) {
  const cameOnline = await ctx.presence.touch(input.userId, new Date(ctx.now().getTime() + PRESENCE_TTL_MS));
  if (cameOnline) await announceLiveStatus(ctx, input.userId);
}
