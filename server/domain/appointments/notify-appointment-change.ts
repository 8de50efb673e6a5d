import { inArray } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { describeAppointmentChange } from "../notifications/appointment-texts.ts";
import type { AppointmentChange } from "../notifications/email-templates.ts";
import { notifyUsers } from "../notifications/notify-users.ts";
import { formatWallClock } from "./free-slots.ts";
import type { AppointmentRow } from "./appointment-view.ts";

/** Who hears of each change by default: the party that did not cause it. */
function recipientsOf(row: AppointmentRow, change: AppointmentChange): string[] {
  switch (change) {
    case "appointment_requested":
      return [row.providerId];
    case "appointment_accepted":
    case "appointment_rejected":
    case "appointment_auto_rejected":
      return [row.customerId];
    case "appointment_cancelled":
      return row.cancelledBy === "provider" ? [row.customerId] : [row.providerId];
    default:
      return [row.customerId, row.providerId];
  }
}

/**
 * SPEC 16 "Reminders and notices": every status change is told in the app and by e-mail,
 * the time in the recipient's zone and language. Called after the change committed (docs/architecture.md rule 6);
 * never throws (a mail server down must not undo a committed change).
 */
export async function notifyAppointmentChange(ctx: AppContext, row: AppointmentRow, change: AppointmentChange, options: { recipients?: string[]; invitation?: (recipient: { timeZone: string; language: "ru" | "en" }) => string } = {}) {
  const recipients = options.recipients ?? recipientsOf(row, change);
  const event = {
    kind: "appointment_changed" as const,
    appointmentId: row.id,
    change,
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    reason: row.rejectionReason,
  };
  await notifyUsers(ctx, recipients, event);
  try {
    const people = await ctx.db
      .select({ id: users.id, email: users.email, language: users.language, timeZone: users.timeZone })
      .from(users)
      .where(inArray(users.id, recipients));
    for (const person of people) {
      if (!person.email) continue;
      const when = `${formatWallClock(row.startsAt, person.timeZone).replace("T", " ")} (${person.timeZone})`;
      const text = describeAppointmentChange(event, person.language, when);
      const link = new URL(`/appointments#${row.id}`, ctx.config.siteUrl).href;
      const invitation = options.invitation?.(person);
      await ctx.mailer.send({
        to: person.email,
        subject: text.title,
        text: `${text.body}\n${link}`,
        ...(invitation ? { attachments: [{ filename: "invite.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", content: invitation }] } : {}),
      });
    }
  } catch (error) {
    ctx.logger.error({ err: error, appointmentId: row.id, change }, "appointment e-mail failed");
  }
}
