import { eq } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { announceLiveStatus } from "./announce-live-status.ts";
import { readLiveStatus } from "./read-live-statuses.ts";

/** "Video calls" / "Text chats" (SPEC 15): switched by the provider at once, without moderation. */
export async function setProviderChannels(ctx: AppContext, input: { userId: string; video: boolean; text: boolean }) {
  const [row] = await ctx.db
    .update(users)
    .set({ videoCallsOn: input.video, textChatsOn: input.text })
    .where(eq(users.id, input.userId))
    .returning({ video: users.videoCallsOn, text: users.textChatsOn });
  if (!row) throw new AppError("not_found", "There is no such user.");
  await announceLiveStatus(ctx, input.userId);
  return { channels: row, live: await readLiveStatus(ctx, input.userId) };
}
