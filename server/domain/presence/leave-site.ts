import type { AppContext } from "../../context.ts";
import { announceLiveStatus } from "./announce-live-status.ts";

/**
 * The user's last page closed its live connection (the transport checked no other page of
 * theirs is connected). Presence only: sessions end through their own heartbeats (docs/architecture.md rule 7).
 */
export async function leaveSite(ctx: AppContext, input: { userId: string }) {
  if (await ctx.presence.remove(input.userId)) await announceLiveStatus(ctx, input.userId);
}
