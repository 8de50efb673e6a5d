import { and, eq, inArray } from "drizzle-orm";
import { queueEntries } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { toPlace } from "./join-queue.ts";
import { ACTIVE_QUEUE_STATUSES, readQueueLine } from "./queue-line.ts";

/** `GET /me/queue`: every provider's line the customer stands in, with place and wait. */
export async function listMyQueuePlaces(ctx: AppContext, input: { userId: string }) {
  const mine = await ctx.db
    .select({ providerId: queueEntries.providerId })
    .from(queueEntries)
    .where(and(eq(queueEntries.customerId, input.userId), inArray(queueEntries.status, [...ACTIVE_QUEUE_STATUSES])));
  const places = [];
  for (const { providerId } of mine) {
    const { line } = await readQueueLine(ctx.db, providerId, { blockSeconds: ctx.config.billing.blockSeconds, now: ctx.now() });
    const entry = line.find((item) => item.customerId === input.userId);
    if (entry) places.push(toPlace(entry, line.length));
  }
  return places;
}
