import { TZDate } from "@date-fns/tz";
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalCalendarMethod } from "ical-generator";
import type { AppContext } from "../../context.ts";
import type { AppointmentRow } from "./appointment-view.ts";

type Recipient = { timeZone: string; language: "ru" | "en" };

/**
 * The `.ics` invitation sent with a reminder (SPEC 16): one event at the booked time, written
 * in the recipient's own zone (with its VTIMEZONE) and language, by a maintained library so
 * that escaping, line folding and time zones are right. The UID is the appointment's, so a
 * calendar that imported the day-before invitation updates the same event 15 minutes before.
 */
export function renderInvitation(ctx: Pick<AppContext, "config" | "now">, row: AppointmentRow, recipient: Recipient): string {
  const ru = recipient.language === "ru";
  const title = (ru ? (row.title.ru ?? row.title.en) : (row.title.en ?? row.title.ru)) ?? "";
  const link = new URL(`/appointments#${row.id}`, ctx.config.siteUrl).href;
  const organizer = /<([^>]+)>/.exec(ctx.config.mailFrom)?.[1] ?? ctx.config.mailFrom;
  const calendar = ical({
    prodId: { company: "Tweeps", product: "Appointments", language: recipient.language.toUpperCase() },
    method: ICalCalendarMethod.REQUEST,
    timezone: { name: recipient.timeZone, generator: getVtimezoneComponent },
  });
  calendar.createEvent({
    id: `${row.id}@tweeps`,
    stamp: ctx.now(),
    start: new TZDate(row.startsAt, recipient.timeZone),
    end: new TZDate(row.endsAt, recipient.timeZone),
    timezone: recipient.timeZone,
    summary: ru ? `Запись: ${title}` : `Appointment: ${title}`,
    description: ru ? `Начать чат можно за 10 минут до начала: ${link}` : `You can start the chat 10 minutes before the start: ${link}`,
    url: link,
    organizer: { name: "Tweeps", email: organizer },
  });
  return calendar.toString();
}
