import { and, eq, inArray } from "drizzle-orm";
import type { Executor, Transaction } from "../../../db/client.ts";
import { consultationSessions, disputes, ledgerAccounts, orders } from "../../../db/schema.ts";
import { AppError } from "../../errors.ts";
import { orderTransitions, type OrderVerb } from "./order-transitions.ts";

export type OrderRow = typeof orders.$inferSelect;
export type Viewer = { id: string; isModerator?: boolean };

/**
 * The order if the viewer is one of its parties (or a moderator, when allowed); strangers
 * get the same 404 as for an order that does not exist, so ids cannot be probed.
 */
export async function loadOrderFor(db: Executor, orderId: string, viewer: Viewer, options: { moderators?: boolean } = {}) {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const party = order && (order.customerId === viewer.id || order.providerId === viewer.id);
  if (!order || !(party || (options.moderators && viewer.isModerator))) {
    throw new AppError("not_found", "There is no such order.");
  }
  return order;
}

export function roleOf(order: OrderRow, userId: string): "customer" | "provider" | null {
  if (order.customerId === userId) return "customer";
  if (order.providerId === userId) return "provider";
  return null;
}

/**
 * The guarded state change of docs/architecture.md rule 3 for one verb of the state table: moves the order from
 * one of the verb's `from` states to its `to` state in one UPDATE and fails with
 * invalid_state when no row changed. The updated row stays locked until the transaction
 * ends, which serialises every transition of one order; a verb the table freezes during a
 * dispute is then refused (rolling the update back) when one is open.
 */
export async function transitionOrder(
  tx: Transaction,
  input: {
    orderId: string;
    actor: { id: string };
    verb: OrderVerb;
    set: Partial<typeof orders.$inferInsert>;
  },
): Promise<OrderRow> {
  const rule = orderTransitions[input.verb];
  const actor = { id: input.actor.id, role: rule.by };
  const partyColumn = actor.role === "customer" ? orders.customerId : orders.providerId;
  const [updated] = await tx
    .update(orders)
    .set({ ...input.set, status: rule.to })
    .where(
      and(
        eq(orders.id, input.orderId),
        eq(partyColumn, actor.id),
        inArray(orders.status, [...rule.from]),
        rule.needsUnusedBlock ? eq(orders.prepaidBlockUsed, false) : undefined,
      ),
    )
    .returning();
  if (updated && rule.frozenByDispute) await refuseIfDisputed(tx, updated.id);
  if (!updated) {
    const [existing] = await tx.select().from(orders).where(eq(orders.id, input.orderId));
    if (!existing || !roleOf(existing, input.actor.id)) throw new AppError("not_found", "There is no such order.");
    if (roleOf(existing, input.actor.id) !== actor.role) {
      throw new AppError("forbidden", `Only the order's ${actor.role} may do this.`);
    }
    throw new AppError("invalid_state", `This is not possible while the order is ${existing.status}.`, {
      details: { status: existing.status },
    });
  }
  return updated;
}

/**
 * SPEC 8: money still held stays frozen while a dispute is open. Called after the guarded
 * update has locked the order row; opening a dispute locks the same row first, so the two
 * cannot interleave.
 */
export async function refuseIfDisputed(tx: Executor, orderId: string) {
  const [open] = await tx
    .select({ id: disputes.id })
    .from(disputes)
    .where(and(eq(disputes.orderId, orderId), eq(disputes.status, "open")));
  if (open) {
    throw new AppError("invalid_state", "An open dispute freezes this order's money until a moderator resolves it.", {
      details: { openDisputeId: open.id },
    });
  }
}

/**
 * A consultation cannot be cancelled or closed while a call rings or a session is live:
 * the session may still be paying from the hold. End it first.
 */
export async function refuseIfSessionActive(tx: Executor, orderId: string) {
  const [active] = await tx
    .select({ id: consultationSessions.id, status: consultationSessions.status })
    .from(consultationSessions)
    .where(and(eq(consultationSessions.orderId, orderId), inArray(consultationSessions.status, ["ringing", "live"])));
  if (active) {
    throw new AppError("invalid_state", "A call or session of this order is in progress; end it first.", {
      details: { sessionId: active.id, sessionStatus: active.status },
    });
  }
}

/** What the order's hold (escrow) account holds now; 0 when it never held anything. */
export async function readHeldMinor(db: Executor, orderId: string): Promise<bigint> {
  const [row] = await db
    .select({ balanceMinor: ledgerAccounts.balanceMinor })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.orderId, orderId), eq(ledgerAccounts.kind, "order_hold")));
  return row?.balanceMinor ?? 0n;
}
