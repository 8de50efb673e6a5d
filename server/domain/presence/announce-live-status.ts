import type { AppContext } from "../../context.ts";
import { readLiveStatus, toLiveStatus, type LiveStatus } from "./read-live-statuses.ts";

/**
 * Tells every page watching the provider, and the provider's own pages, what they look like
 * now. A caller that has just committed the provider into a live session passes
 * `inSession`: the status is then "busy" whatever they chose, and only presence is read.
 */
export async function announceLiveStatus(ctx: AppContext, userId: string, known: { inSession?: true } = {}) {
  const status: LiveStatus | undefined = known.inSession
    ? toLiveStatus(userId, { chosen: "busy", inSession: true, online: (await ctx.presence.onlineAmong([userId], ctx.now())).has(userId) })
    : await readLiveStatus(ctx, userId);
  if (!status) return;
  ctx.live.toWatchersOf(userId, "presence:changed", status);
  ctx.live.toUser(userId, "presence:changed", status);
}
