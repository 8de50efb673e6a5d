import type { notifications } from "../../../db/schema.ts";
import type { Language } from "./email-templates.ts";
import { type AnyNotificationEvent, describeNotification } from "./notification-kinds.ts";

export type NotificationView = ReturnType<typeof toNotificationView>;

/** A stored notification as the bell shows it, worded in the reader's language now. */
export function toNotificationView(row: typeof notifications.$inferSelect, language: Language) {
  const { title, body } = describeNotification(row.data as unknown as AnyNotificationEvent, language);
  return {
    id: row.id,
    kind: row.kind,
    title,
    body,
    link: row.link,
    urgent: row.urgent,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}
