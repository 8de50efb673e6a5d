import { and, eq, inArray, lte, notExists, sql } from "drizzle-orm";
import { disputes, orders } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";
import { releaseHold } from "./order-money.ts";
import { orderTransitions } from "./order-transitions.ts";

const BATCH = 100;
/** The platform accepts on the customer's behalf: the table's accept row, moved by the loop. */
const accept = orderTransitions.accept;

class DisputedMeanwhile extends Error {}

/**
 * SPEC 6: delivered work the customer neither accepted nor returned in time is accepted.
 * Each order is its own guarded transaction (status still delivered, deadline still
 * passed), so a customer's return or accept racing the loop wins or loses cleanly, and two
 * loops in two processes release the money once (same ledger key as a manual accept).
 * Orders under an open dispute are skipped: their money stays frozen.
 */
export async function autoAcceptOrders(ctx: AppContext, now: Date = ctx.now()) {
  const due = await ctx.db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        inArray(orders.status, accept.from),
        lte(orders.autoAcceptAt, now),
        notExists(ctx.db.select({ one: sql`1` }).from(disputes).where(and(eq(disputes.orderId, orders.id), eq(disputes.status, "open")))),
      ),
    )
    .orderBy(orders.autoAcceptAt)
    .limit(BATCH);
  const accepted: string[] = [];
  for (const { id } of due) {
    try {
      const done = await withTransaction(ctx.db, async (tx) => {
        const [updated] = await tx
          .update(orders)
          .set({ status: accept.to, acceptedAutomatically: true, autoAcceptAt: null, updatedAt: now, finishedAt: now })
          .where(and(eq(orders.id, id), inArray(orders.status, accept.from), lte(orders.autoAcceptAt, now)))
          .returning();
        if (!updated) return null;
        const [open] = await tx
          .select({ id: disputes.id })
          .from(disputes)
          .where(and(eq(disputes.orderId, id), eq(disputes.status, "open")));
        if (open) throw new DisputedMeanwhile();
        await releaseHold(tx, ctx.config, updated, "work_auto_accepted", now);
        const event = { kind: "order_accepted", orderId: updated.id, title: updated.title, automatically: true } as const;
        return { order: updated, notes: await storeNotifications(tx, [updated.providerId, updated.customerId], event, now) };
      }).catch((error: unknown) => {
        // A dispute opened between the select and the update: undo and skip the order.
        if (error instanceof DisputedMeanwhile) return null;
        throw error;
      });
      if (!done) continue;
      accepted.push(done.order.id);
      await announceNotifications(ctx, done.notes);
    } catch (error) {
      ctx.logger.error({ err: error, orderId: id }, "auto-accept failed");
    }
  }
  return { accepted };
}
