import { eq } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { announceLiveStatus } from "./announce-live-status.ts";
import { readLiveStatus, type ProviderStatus } from "./read-live-statuses.ts";

/**
 * The provider's chosen status (SPEC 9). It stays what they chose during a session:
 * others see "busy" only while the session lasts, then the choice shows again.
 */
export async function setProviderStatus(ctx: AppContext, input: { userId: string; status: ProviderStatus }) {
  await ctx.db.update(users).set({ providerStatus: input.status }).where(eq(users.id, input.userId));
  await announceLiveStatus(ctx, input.userId);
  return { chosen: input.status, live: await readLiveStatus(ctx, input.userId) };
}
