import { and, eq, gte, inArray, isNull, lte } from "drizzle-orm";
import { appointments } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";

/**
 * SPEC 16 "No-show … decided from the recorded presence": the loop records, once, the first
 * instant a provider is seen on the site (the presence store's heartbeats) within an accepted
 * appointment's window, from the chat's opening to the no-show mark. One query for the
 * appointments in their window, one presence lookup, one guarded update per provider seen.
 */
export async function recordAppointmentPresence(ctx: AppContext) {
  const now = ctx.now();
  const settings = ctx.config.appointments;
  const due = await ctx.db
    .select({ id: appointments.id, providerId: appointments.providerId })
    .from(appointments)
    .where(
      and(
        eq(appointments.status, "accepted"),
        isNull(appointments.providerSeenAt),
        lte(appointments.startsAt, new Date(now.getTime() + settings.chatOpensMinutes * 60_000)),
        gte(appointments.startsAt, new Date(now.getTime() - settings.noShowMinutes * 60_000)),
      ),
    )
    .limit(1000);
  if (due.length === 0) return { recorded: 0 };
  const online = await ctx.presence.onlineAmong([...new Set(due.map((row) => row.providerId))], now);
  const seen = due.filter((row) => online.has(row.providerId)).map((row) => row.id);
  if (seen.length === 0) return { recorded: 0 };
  const updated = await ctx.db
    .update(appointments)
    .set({ providerSeenAt: now })
    .where(and(inArray(appointments.id, seen), isNull(appointments.providerSeenAt)))
    .returning({ id: appointments.id });
  return { recorded: updated.length };
}
