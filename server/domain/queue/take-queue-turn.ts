import { and, eq, inArray } from "drizzle-orm";
import { queueEntries } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { publishQueueChange } from "./publish-queue-change.ts";
import { ACTIVE_QUEUE_STATUSES } from "./queue-line.ts";

/** The customer at the head of the line has started the chat: their place is used up. */
export async function takeQueueTurn(ctx: AppContext, input: { providerId: string; customerId: string }) {
  const [used] = await ctx.db
    .update(queueEntries)
    .set({ status: "called", endedAt: ctx.now() })
    .where(
      and(
        eq(queueEntries.providerId, input.providerId),
        eq(queueEntries.customerId, input.customerId),
        inArray(queueEntries.status, [...ACTIVE_QUEUE_STATUSES]),
      ),
    )
    .returning();
  if (used) await publishQueueChange(ctx, input.providerId, [{ customerId: used.customerId, orderId: used.orderId, status: "called" }]);
}
