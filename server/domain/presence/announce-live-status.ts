import type { AppContext } from "../../context.ts";
import { readLiveStatus } from "./read-live-statuses.ts";

/** Tells every page watching the provider, and the provider's own pages, what they look like now. */
export async function announceLiveStatus(ctx: AppContext, userId: string) {
  const status = await readLiveStatus(ctx, userId);
  if (!status) return;
  ctx.live.toWatchersOf(userId, "presence:changed", status);
  ctx.live.toUser(userId, "presence:changed", status);
}
