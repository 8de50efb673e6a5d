import { z } from "@hono/zod-openapi";
import { singleLineText } from "./free-text.ts";

/** The weekly grid holds hour indexes of one week (Monday 00:00 = 0). */
export const HOURS_PER_WEEK = 168;

const hoursDescription =
  "Filled hours of the week as indexes 0..167 in `timeZone`: Monday 00:00–01:00 is 0, Sunday 23:00–24:00 is 167";

/** A provider's weekly grid (SPEC 9) in the zone it is kept in. */
export const Availability = z
  .object({
    timeZone: z.string().nullable().openapi({ description: "IANA zone the grid is kept in; null until first saved" }),
    hours: z.array(z.number().int()).openapi({ description: hoursDescription, example: [9, 10, 11, 33, 34, 35] }),
  })
  .openapi("Availability");
export type Availability = z.infer<typeof Availability>;

export const AvailabilityChange = z
  .strictObject({
    timeZone: singleLineText().min(1).max(64).openapi({ example: "Europe/Moscow" }),
    hours: z
      .array(z.number().int().min(0).max(HOURS_PER_WEEK - 1))
      .max(HOURS_PER_WEEK)
      .openapi({ description: `${hoursDescription}; each at most once`, example: [9, 10, 11, 33, 34, 35] }),
  })
  .openapi("AvailabilityChange");

export const AvailabilityBody = z.object({ availability: Availability });
