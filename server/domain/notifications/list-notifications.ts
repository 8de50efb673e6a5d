import { and, desc, eq, lt } from "drizzle-orm";
import { notifications } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import type { Language } from "./email-templates.ts";
import { toNotificationView } from "./notification-view.ts";
import { countUnreadNotifications } from "./notify-users.ts";

/** The user's notifications, newest first, with the unread count for the bell. */
export async function listNotifications(ctx: AppContext, input: { userId: string; language: Language; before?: Date; limit: number }) {
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, input.userId), input.before ? lt(notifications.createdAt, input.before) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(input.limit);
  return {
    items: rows.map((row) => toNotificationView(row, input.language)),
    unreadCount: await countUnreadNotifications(ctx.db, input.userId),
  };
}
