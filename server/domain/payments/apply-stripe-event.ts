import { and, eq, isNull, lt, or } from "drizzle-orm";
import type Stripe from "stripe";
import { payments, stripeEvents } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { ensureSystemAccount, ensureUserAccount, readUserBalanceMinor } from "../ledger/ledger-accounts.ts";
import { postTransfer } from "../ledger/post-transfer.ts";
import { withTransaction } from "../ledger/with-transaction.ts";

export type StripeEventOutcome = "credited" | "expired" | "duplicate" | "stale" | "ignored" | "unknown_payment" | "amount_mismatch";

const PAID_EVENTS = new Set(["checkout.session.completed", "checkout.session.async_payment_succeeded"]);
const DEAD_EVENTS = new Set(["checkout.session.expired", "checkout.session.async_payment_failed"]);

/**
 * Applies a verified Stripe event exactly once. Deliveries repeat and arrive out of order,
 * so: each event id is recorded once; a payment is credited only on its pending→completed
 * step (a guarded update), under a key derived from the checkout session; and an event
 * older than the last one applied to that payment changes nothing.
 */
export async function applyStripeEvent(ctx: AppContext, event: Stripe.Event): Promise<StripeEventOutcome> {
  const result = await withTransaction(ctx.db, async (tx) => {
    // Claiming the event id first makes a concurrent second delivery wait here, then see it.
    const [claimed] = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, outcome: "received" })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (!claimed) return { outcome: "duplicate" as const, userId: null };
    const record = async (outcome: StripeEventOutcome, userId: string | null = null) => {
      await tx.update(stripeEvents).set({ outcome }).where(eq(stripeEvents.id, event.id));
      return { outcome, userId };
    };

    if (!PAID_EVENTS.has(event.type) && !DEAD_EVENTS.has(event.type)) return record("ignored");
    const session = event.data.object as Stripe.Checkout.Session;
    const eventAt = new Date(event.created * 1000);
    const [payment] = await tx.select().from(payments).where(eq(payments.providerRef, session.id));
    if (!payment) return record("unknown_payment");
    if (payment.lastEventAt && payment.lastEventAt.getTime() > eventAt.getTime()) return record("stale");

    const pendingAndNotNewer = and(
      eq(payments.id, payment.id),
      eq(payments.status, "pending"),
      or(isNull(payments.lastEventAt), lt(payments.lastEventAt, eventAt)),
    );

    if (DEAD_EVENTS.has(event.type)) {
      const expired = await tx
        .update(payments)
        .set({ status: "expired", lastEventAt: eventAt })
        .where(pendingAndNotNewer)
        .returning({ id: payments.id });
      return record(expired.length === 1 ? "expired" : "stale");
    }

    if (session.payment_status !== "paid") return record("ignored");
    if (session.amount_total !== null && BigInt(session.amount_total) !== payment.amountMinor) {
      ctx.logger.error({ paymentId: payment.id, sessionId: session.id }, "stripe amount differs from the payment");
      return record("amount_mismatch");
    }
    const completed = await tx
      .update(payments)
      .set({ status: "completed", lastEventAt: eventAt, completedAt: ctx.now() })
      .where(pendingAndNotNewer)
      .returning({ id: payments.id });
    if (completed.length !== 1) return record("stale");

    await postTransfer(tx, {
      idempotencyKey: `stripe_checkout:${session.id}`,
      kind: "top_up",
      memo: "Top-up by card",
      legs: [
        { accountId: await ensureSystemAccount(tx, "payment_clearing", payment.currency), amountMinor: -payment.amountMinor },
        { accountId: await ensureUserAccount(tx, payment.userId, payment.currency), amountMinor: payment.amountMinor },
      ],
    });
    return record("credited", payment.userId);
  });

  if (result.userId) {
    const balanceMinor = await readUserBalanceMinor(ctx.db, result.userId);
    ctx.live.toUser(result.userId, "wallet:updated", { balanceMinor: Number(balanceMinor) });
  }
  return result.outcome;
}
