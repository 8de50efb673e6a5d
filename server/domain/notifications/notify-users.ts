import { inArray } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { type NotificationEvent, renderMail } from "./email-templates.ts";

/**
 * E-mails an event to users in their own language (SPEC 11). Call only after the
 * transaction that caused the event has committed (docs/architecture.md rule 6). Never throws: a mail server
 * that is down must not turn a committed order into an error for the user; failures are
 * logged. Users without an e-mail address are skipped.
 */
export async function notifyUsers(ctx: AppContext, userIds: string[], event: NotificationEvent): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  try {
    const recipients = await ctx.db
      .select({ id: users.id, email: users.email, language: users.language })
      .from(users)
      .where(inArray(users.id, ids));
    await Promise.all(
      recipients.map(async (recipient) => {
        if (!recipient.email) return;
        const mail = renderMail(event, recipient.language, ctx.config.siteUrl);
        try {
          await ctx.mailer.send({ to: recipient.email, ...mail });
        } catch (error) {
          ctx.logger.error({ err: error, userId: recipient.id, event: event.kind }, "notification e-mail failed");
        }
      }),
    );
  } catch (error) {
    ctx.logger.error({ err: error, event: event.kind }, "notification failed");
  }
  for (const id of ids) ctx.live.toUser(id, "order:updated", { orderId: event.orderId, event: event.kind });
}
