import { and, eq, gt, lt, sql } from "drizzle-orm";
import { appointments, users } from "../../../db/schema.ts";
import type { SlotsBody } from "../../../contract/appointments.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { formatWallClock, listFreeStarts } from "./free-slots.ts";
import { holdingTime } from "./book-appointment.ts";

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 31;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * `GET /providers/{id}/slots` (SPEC 16): the free start times of a booking of `blocks`
 * blocks in [from, to), in UTC, each also labelled in the viewer's zone (`tz`, else the
 * signed-in viewer's settings, else the provider's zone).
 */
export async function listFreeSlots(
  ctx: AppContext,
  input: { providerId: string; viewerId: string | null; from?: Date; to?: Date; blocks: number; timeZone?: string },
): Promise<SlotsBody> {
  const now = ctx.now();
  const settings = ctx.config.appointments;
  const from = input.from ?? now;
  const to = input.to ?? new Date(from.getTime() + 7 * DAY_MS);
  if (to <= from) throw new AppError("validation_failed", "to: must be after from.");
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw new AppError("validation_failed", `to: the range is at most ${MAX_RANGE_DAYS} days.`);
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) throw new AppError("validation_failed", "tz: not a known IANA time zone.");

  const [provider] = await ctx.db
    .select({ hours: users.availabilityHours, zone: sql<string>`coalesce(${users.availabilityTimeZone}, ${users.timeZone})` })
    .from(users)
    .where(eq(users.id, input.providerId));
  if (!provider) throw new AppError("not_found", "There is no such provider.");
  let viewerZone = input.timeZone;
  if (!viewerZone && input.viewerId) {
    const [viewer] = await ctx.db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, input.viewerId));
    viewerZone = viewer?.timeZone;
  }
  const timeZone = viewerZone ?? provider.zone;

  const lengthMs = input.blocks * ctx.config.billing.blockSeconds * 1000;
  const busy = await ctx.db
    .select({ startsAt: appointments.startsAt, endsAt: appointments.endsAt })
    .from(appointments)
    .where(and(eq(appointments.providerId, input.providerId), holdingTime, lt(appointments.startsAt, new Date(to.getTime() + lengthMs)), gt(appointments.endsAt, from)));
  const starts = listFreeStarts({
    grid: { hours: provider.hours, timeZone: provider.zone },
    from,
    to,
    lengthMs,
    stepMs: settings.slotMinutes * 60_000,
    earliest: new Date(now.getTime() + settings.leadMinutes * 60_000),
    busy,
  });
  return {
    providerId: input.providerId,
    timeZone,
    blocks: input.blocks,
    blockSeconds: ctx.config.billing.blockSeconds,
    slots: starts.map((start) => ({
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + lengthMs).toISOString(),
      local: formatWallClock(start, timeZone),
    })),
  };
}
