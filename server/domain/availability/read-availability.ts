import { eq } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import type { Availability } from "./set-availability.ts";

/** A user's weekly grid as stored; `timeZone` is null until they first save one. */
export async function readAvailability(ctx: AppContext, input: { userId: string }): Promise<Availability> {
  const [row] = await ctx.db
    .select({ timeZone: users.availabilityTimeZone, hours: users.availabilityHours })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!row) throw new AppError("not_found", "There is no such provider.");
  return row;
}
