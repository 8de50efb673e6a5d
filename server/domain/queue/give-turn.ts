import { and, eq, sql } from "drizzle-orm";
import { orders, queueEntries, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { sqlStateOf } from "../../../db/with-transaction.ts";
import { notifyUsers } from "../notifications/notify-users.ts";
import { publishQueueChange } from "./publish-queue-change.ts";

/**
 * "It's your turn" (SPEC 15): the first waiting customer holds the provider for
 * QUEUE_TURN_SECONDS; nobody else can call meanwhile. One guarded statement, and a unique
 * index allows one turn per provider, so two processes never give two turns. None is given
 * while a call rings for the provider: it would let two customers reach the provider at once.
 * The customer is told live and in the notification centre (urgent: SPEC 20 pops turns up in
 * the browser), so a turn given while their page is closed is still found.
 */
export async function giveTurn(ctx: AppContext, providerId: string) {
  const now = ctx.now();
  let turn;
  try {
    [turn] = await ctx.db
      .update(queueEntries)
      .set({ status: "turn", turnExpiresAt: new Date(now.getTime() + ctx.config.queue.turnSeconds * 1000) })
      .where(
        and(
          eq(
            queueEntries.id,
            sql`(select q.id from queue_entries q where q.provider_id = ${providerId} and q.status = 'waiting' order by q.joined_at, q.id limit 1)`,
          ),
          eq(queueEntries.status, "waiting"),
          sql`not exists (select 1 from queue_entries t where t.provider_id = ${providerId} and t.status = 'turn')`,
          // No turn while someone's call rings, checked under the lock start-call takes (see
          // the queue_may_give_turn migration), so a call and a turn never overlap.
          sql`queue_may_give_turn(${providerId}::uuid)`,
        ),
      )
      .returning();
  } catch (error) {
    if (sqlStateOf(error) === "23505") return null;
    throw error;
  }
  if (!turn?.turnExpiresAt) return null;
  ctx.live.toUser(turn.customerId, "queue:turn", { providerId, orderId: turn.orderId, turnExpiresAt: turn.turnExpiresAt.toISOString() });
  await publishQueueChange(ctx, providerId);
  const [about] = await ctx.db
    .select({ title: orders.title, providerName: users.name })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.providerId))
    .where(eq(orders.id, turn.orderId));
  await notifyUsers(ctx, [turn.customerId], {
    kind: "queue_turn",
    orderId: turn.orderId,
    title: about?.title ?? {},
    providerName: about?.providerName ?? "",
    turnExpiresAt: turn.turnExpiresAt.toISOString(),
  });
  return turn;
}
