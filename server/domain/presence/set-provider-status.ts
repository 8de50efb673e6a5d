import { eq } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { closeQueue } from "../queue/close-queue.ts";
import { announceLiveStatus } from "./announce-live-status.ts";
import { readLiveStatus, type ProviderStatus } from "./read-live-statuses.ts";

/**
 * The provider's chosen status (SPEC 9, 15). It stays what they chose during a session:
 * others see "busy" only while the session lasts, then the choice shows again. "paused"
 * ends by itself after PAUSE_SECONDS (a loop); Not set closes the waiting list.
 */
export async function setProviderStatus(ctx: AppContext, input: { userId: string; status: ProviderStatus }) {
  const pausedUntil = input.status === "paused" ? new Date(ctx.now().getTime() + ctx.config.queue.pauseSeconds * 1000) : null;
  await ctx.db.update(users).set({ providerStatus: input.status, pausedUntil }).where(eq(users.id, input.userId));
  await announceLiveStatus(ctx, input.userId);
  if (input.status === "not_set") await closeQueue(ctx, { providerId: input.userId, reason: "not_set" });
  return { chosen: input.status, ...(pausedUntil ? { pausedUntil: pausedUntil.toISOString() } : {}), live: await readLiveStatus(ctx, input.userId) };
}
