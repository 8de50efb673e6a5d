import { eq } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { isIanaTimeZone } from "../accounts/update-profile.ts";
import { HOURS_PER_WEEK } from "../../../contract/availability.ts";

export type Availability = { timeZone: string | null; hours: number[] };

/**
 * SPEC 9: the provider's weekly grid, kept in the zone they chose for it (not tied to the
 * profile's zone, so moving the profile does not silently move their hours). The whole
 * grid is replaced at once; any invalid hour refuses the request and changes nothing.
 */
export async function setAvailability(
  ctx: AppContext,
  userId: string,
  input: { timeZone: string; hours: readonly number[] },
): Promise<Availability> {
  if (!isIanaTimeZone(input.timeZone)) {
    throw new AppError("validation_failed", `"${input.timeZone}" is not an IANA time zone such as Europe/Moscow.`, {
      details: { field: "timeZone" },
    });
  }
  const hours = checkHours(input.hours);
  const [updated] = await ctx.db
    .update(users)
    .set({ availabilityTimeZone: input.timeZone, availabilityHours: hours })
    .where(eq(users.id, userId))
    .returning({ timeZone: users.availabilityTimeZone, hours: users.availabilityHours });
  if (!updated) throw new AppError("not_found", "This account no longer exists.");
  return updated;
}

function checkHours(hours: readonly number[]): number[] {
  if (hours.length > HOURS_PER_WEEK) {
    throw new AppError("validation_failed", `A week has ${HOURS_PER_WEEK} hours; ${hours.length} were sent.`, {
      details: { field: "hours" },
    });
  }
  const invalid = hours.filter((hour) => !Number.isInteger(hour) || hour < 0 || hour >= HOURS_PER_WEEK);
  if (invalid.length > 0) {
    throw new AppError("validation_failed", `Hours are whole numbers from 0 (Monday 00:00) to 167 (Sunday 23:00).`, {
      details: { field: "hours", invalid },
    });
  }
  const unique = new Set(hours);
  if (unique.size !== hours.length) {
    const repeated = [...new Set(hours.filter((hour, index) => hours.indexOf(hour) !== index))];
    throw new AppError("validation_failed", `Each hour may appear once; repeated: ${repeated.join(", ")}.`, {
      details: { field: "hours", repeated },
    });
  }
  // Sorted so that equal grids read back equal, whatever order the client sent.
  return [...unique].sort((a, b) => a - b);
}
