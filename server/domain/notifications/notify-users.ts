import { and, count, eq, inArray, isNull } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { notifications, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { renderMail } from "./email-templates.ts";
import { type AnyNotificationEvent, isEmailed, isUrgent, linkOf } from "./notification-kinds.ts";
import { toNotificationView } from "./notification-view.ts";

export type StoredNotifications = { event: AnyNotificationEvent; rows: (typeof notifications.$inferSelect)[] };

/**
 * Writes the notification rows (SPEC 20: everything a user is told is kept). Call it inside
 * the transaction of the event, so the record and the event commit together, then
 * `announceNotifications` after the commit (docs/architecture.md rule 6).
 */
export async function storeNotifications(db: Executor, userIds: string[], event: AnyNotificationEvent, now: Date): Promise<StoredNotifications> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return { event, rows: [] };
  const rows = await db
    .insert(notifications)
    .values(ids.map((userId) => ({ userId, kind: event.kind, data: event as unknown as Record<string, unknown>, link: linkOf(event), urgent: isUrgent(event), createdAt: now })))
    .returning();
  return { event, rows };
}

/**
 * Tells the recipients' open pages (`notification:new` with the unread count) and e-mails
 * the kinds SPEC 11 names, each in the recipient's language. Never throws: a mail server
 * that is down must not turn a committed order into an error; failures are logged.
 */
export async function announceNotifications(ctx: AppContext, stored: StoredNotifications): Promise<void> {
  const { event, rows } = stored;
  if (rows.length === 0) return;
  const ids = rows.map((row) => row.userId);
  try {
    const [recipients, unread] = await Promise.all([
      ctx.db.select({ id: users.id, email: users.email, language: users.language }).from(users).where(inArray(users.id, ids)),
      ctx.db
        .select({ userId: notifications.userId, n: count() })
        .from(notifications)
        .where(and(inArray(notifications.userId, ids), isNull(notifications.readAt)))
        .groupBy(notifications.userId),
    ]);
    for (const row of rows) {
      const recipient = recipients.find((candidate) => candidate.id === row.userId);
      const unreadCount = unread.find((candidate) => candidate.userId === row.userId)?.n ?? 0;
      ctx.live.toUser(row.userId, "notification:new", { notification: toNotificationView(row, recipient?.language ?? "ru"), unreadCount });
    }
    if (isEmailed(event)) {
      await Promise.all(
        recipients.map(async (recipient) => {
          if (!recipient.email) return;
          try {
            await ctx.mailer.send({ to: recipient.email, ...renderMail(event, recipient.language, ctx.config.siteUrl) });
          } catch (error) {
            ctx.logger.error({ err: error, userId: recipient.id, event: event.kind }, "notification e-mail failed");
          }
        }),
      );
    }
  } catch (error) {
    ctx.logger.error({ err: error, event: event.kind }, "notification failed");
  }
  if ("orderId" in event) {
    for (const id of ids) ctx.live.toUser(id, "order:updated", { orderId: event.orderId, event: event.kind });
  }
}

/**
 * The one way the domain tells users about something whose event has already committed:
 * stores the notification and announces it. Inside a transaction, use `storeNotifications`
 * there and `announceNotifications` after the commit instead.
 */
export async function notifyUsers(ctx: AppContext, userIds: string[], event: AnyNotificationEvent): Promise<void> {
  let stored: StoredNotifications;
  try {
    stored = await storeNotifications(ctx.db, userIds, event, ctx.now());
  } catch (error) {
    ctx.logger.error({ err: error, event: event.kind }, "storing a notification failed");
    return;
  }
  await announceNotifications(ctx, stored);
}

/** Unread notifications of one user (the bell). */
export async function countUnreadNotifications(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}
