import { and, eq, inArray, isNull } from "drizzle-orm";
import { notifications } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { countUnreadNotifications } from "./notify-users.ts";

/**
 * Marks the given notifications (or all, without ids) read. Ids of other users' notifications
 * simply match nothing. The user's other pages learn the new count live.
 */
export async function markNotificationsRead(ctx: AppContext, input: { userId: string; ids?: string[] }) {
  await ctx.db
    .update(notifications)
    .set({ readAt: ctx.now() })
    .where(
      and(
        eq(notifications.userId, input.userId),
        isNull(notifications.readAt),
        input.ids ? inArray(notifications.id, input.ids) : undefined,
      ),
    );
  const unreadCount = await countUnreadNotifications(ctx.db, input.userId);
  ctx.live.toUser(input.userId, "notification:read", { unreadCount });
  return { unreadCount };
}
