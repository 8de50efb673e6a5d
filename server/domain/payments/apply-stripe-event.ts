import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { payments, stripeEvents } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { ensureSystemAccount, ensureUserAccount, readUserBalanceMinor } from "../ledger/ledger-accounts.ts";
import { postTransfer } from "../ledger/post-transfer.ts";
import { withTransaction } from "../../../db/with-transaction.ts";

export type StripeEventOutcome =
  | "credited"
  | "already_credited"
  | "expired"
  | "duplicate"
  | "stale"
  | "ignored"
  | "unknown_payment"
  | "amount_mismatch";

const NIL_UUID = "00000000-0000-0000-0000-000000000000";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrNil = (value: string | null | undefined) => (value && UUID.test(value) ? value : NIL_UUID);

const PAID_EVENTS = new Set(["checkout.session.completed", "checkout.session.async_payment_succeeded"]);
const DEAD_EVENTS = new Set(["checkout.session.expired", "checkout.session.async_payment_failed"]);

/**
 * Applies a verified Stripe event exactly once. Deliveries repeat and arrive out of order,
 * so: each event id is recorded once; a payment is credited only on its step into
 * "completed" (a guarded update), under a key derived from the checkout session; a
 * completed payment never moves again; and an expiry older than the last event applied
 * to the payment changes nothing.
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
    const [payment] = await tx
      .select()
      .from(payments)
      .where(or(eq(payments.providerRef, session.id), eq(payments.id, uuidOrNil(session.client_reference_id))));
    if (!payment) return record("unknown_payment");

    if (DEAD_EVENTS.has(event.type)) {
      // An expiry moves only a pending payment, and only if nothing newer was applied.
      const expired = await tx
        .update(payments)
        .set({ status: "expired", lastEventAt: eventAt })
        .where(
          and(
            eq(payments.id, payment.id),
            eq(payments.status, "pending"),
            or(isNull(payments.lastEventAt), lt(payments.lastEventAt, eventAt)),
          ),
        )
        .returning({ id: payments.id });
      return record(expired.length === 1 ? "expired" : "stale");
    }

    if (session.payment_status !== "paid") return record("ignored");
    const amountMatches =
      typeof session.amount_total === "number" && BigInt(session.amount_total) === payment.amountMinor;
    const currencyMatches = session.currency?.toUpperCase() === payment.currency;
    if (!amountMatches || !currencyMatches) {
      ctx.logger.error({ paymentId: payment.id, sessionId: session.id }, "stripe amount or currency differs from the payment");
      return record("amount_mismatch");
    }
    // Money received is the final word: a paid session is credited even if an expiry was
    // applied first (it holds no money on our side). Only the step into "completed" pays.
    const completed = await tx
      .update(payments)
      .set({
        status: "completed",
        lastEventAt: sql`GREATEST(${payments.lastEventAt}, ${eventAt.toISOString()}::timestamptz)`,
        completedAt: ctx.now(),
      })
      .where(and(eq(payments.id, payment.id), inArray(payments.status, ["pending", "expired"])))
      .returning({ id: payments.id });
    if (completed.length !== 1) return record("already_credited");
    if (payment.status === "expired") ctx.logger.warn({ paymentId: payment.id }, "crediting a paid session that had expired");

    await postTransfer(tx, {
      idempotencyKey: `stripe_checkout:${session.id}`,
      kind: "top_up",
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
