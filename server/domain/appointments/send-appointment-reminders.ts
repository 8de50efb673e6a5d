import { and, eq, gt, lte } from "drizzle-orm";
import { appointments } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { renderInvitation } from "./render-invitation.ts";
import { notifyAppointmentChange } from "./notify-appointment-change.ts";

const DAY_MS = 86_400_000;
const SOON_MS = 15 * 60_000;

/**
 * SPEC 16: both parties of an accepted appointment are reminded 24 hours and 15 minutes
 * before its start, in the app and by e-mail with an `.ics` invitation in their own zone and
 * language. Each reminder is claimed by a guarded update first (the flag goes from false to
 * true once), so several processes never send one twice. An appointment accepted less than
 * 15 minutes ahead gets only the near one; the day-before one is then skipped.
 */
export async function sendAppointmentReminders(ctx: AppContext) {
  const now = ctx.now();
  let sent = 0;
  const soon = await ctx.db
    .update(appointments)
    .set({ remindedSoon: true, remindedDayBefore: true })
    .where(and(eq(appointments.status, "accepted"), eq(appointments.remindedSoon, false), gt(appointments.startsAt, now), lte(appointments.startsAt, new Date(now.getTime() + SOON_MS))))
    .returning();
  for (const row of soon) {
    await notifyAppointmentChange(ctx, row, "appointment_reminder_soon", { recipients: [row.customerId, row.providerId], invitation: (person) => renderInvitation(ctx, row, person) });
    sent += 1;
  }
  const dayBefore = await ctx.db
    .update(appointments)
    .set({ remindedDayBefore: true })
    .where(and(eq(appointments.status, "accepted"), eq(appointments.remindedDayBefore, false), gt(appointments.startsAt, new Date(now.getTime() + SOON_MS)), lte(appointments.startsAt, new Date(now.getTime() + DAY_MS))))
    .returning();
  for (const row of dayBefore) {
    await notifyAppointmentChange(ctx, row, "appointment_reminder_day", { recipients: [row.customerId, row.providerId], invitation: (person) => renderInvitation(ctx, row, person) });
    sent += 1;
  }
  return { sent };
}
