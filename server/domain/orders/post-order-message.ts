import { and, count, eq } from "drizzle-orm";
import { consultationSessions, orderMessages } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { startSessionClock } from "../sessions/start-session-clock.ts";
import { loadOrderFor } from "./order-access.ts";
import { toPublicOrderMessage } from "./list-order-messages.ts";

/**
 * A message in the order's conversation. During a live text session it belongs to that
 * session, and the customer's second message of the session starts its clock (SPEC 5).
 * Both parties' pages receive it (the author's other tabs too), in the order stored.
 */
export async function postOrderMessage(ctx: AppContext, input: { orderId: string; userId: string; body: string }) {
  const order = await loadOrderFor(ctx.db, input.orderId, { id: input.userId });
  const [textSession] = await ctx.db
    .select({ id: consultationSessions.id, clockStartedAt: consultationSessions.clockStartedAt })
    .from(consultationSessions)
    .where(and(eq(consultationSessions.orderId, order.id), eq(consultationSessions.status, "live"), eq(consultationSessions.medium, "text")));
  const [row] = await ctx.db
    .insert(orderMessages)
    .values({ orderId: order.id, authorId: input.userId, body: input.body, sessionId: textSession?.id ?? null, createdAt: ctx.now() })
    .returning();
  if (!row) throw new Error("insert returned no row");
  const message = toPublicOrderMessage(row);
  ctx.live.toUser(order.customerId, "order:message", message);
  ctx.live.toUser(order.providerId, "order:message", message);

  if (textSession && !textSession.clockStartedAt && input.userId === order.customerId) {
    const [sent] = await ctx.db
      .select({ n: count() })
      .from(orderMessages)
      .where(and(eq(orderMessages.sessionId, textSession.id), eq(orderMessages.authorId, order.customerId)));
    if ((sent?.n ?? 0) >= 2) await startSessionClock(ctx, { sessionId: textSession.id, at: row.createdAt });
  }
  return message;
}
