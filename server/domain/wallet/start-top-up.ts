import { and, eq } from "drizzle-orm";
import { payments } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { ensureSystemAccount, ensureUserAccount, readUserBalanceMinor } from "../ledger/ledger-accounts.ts";
import { postTransfer } from "../ledger/post-transfer.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { toPublicTopUp } from "./get-top-up.ts";

export type TopUpInput = {
  userId: string;
  amountMinor: bigint;
  /** The client's Idempotency-Key: the same key never starts a second payment. */
  requestKey: string;
  /** Where Stripe Checkout returns the user (absolute URLs). */
  successUrl: string;
  cancelUrl: string;
};

/**
 * SPEC 4 top-up. With Stripe: a pending payment and a checkout page; the money arrives
 * with the signed webhook. With the development provider: credited at once.
 */
export async function startTopUp(ctx: AppContext, input: TopUpInput) {
  const { currency } = ctx.config;
  const provider = ctx.payments.name;

  const payment = await withTransaction(ctx.db, async (tx) => {
    const [created] = await tx
      .insert(payments)
      .values({
        userId: input.userId,
        provider,
        amountMinor: input.amountMinor,
        currency,
        status: "pending",
        requestKey: input.requestKey,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [existing] = await tx
        .select()
        .from(payments)
        .where(and(eq(payments.userId, input.userId), eq(payments.requestKey, input.requestKey)));
      if (!existing || existing.amountMinor !== input.amountMinor) {
        throw new AppError("idempotency_key_reused", "This idempotency key was already used for a different top-up.");
      }
      return existing;
    }
    if (provider !== "development") return created;

    const [completed] = await tx
      .update(payments)
      .set({ status: "completed", completedAt: ctx.now() })
      .where(and(eq(payments.id, created.id), eq(payments.status, "pending")))
      .returning();
    await postTransfer(tx, {
      idempotencyKey: `top_up:${created.id}`,
      kind: "top_up",
      legs: [
        { accountId: await ensureSystemAccount(tx, "payment_clearing", currency), amountMinor: -input.amountMinor },
        { accountId: await ensureUserAccount(tx, input.userId, currency), amountMinor: input.amountMinor },
      ],
    });
    return completed!;
  });

  let checkoutUrl = payment.checkoutUrl;
  if (ctx.payments.name === "stripe" && payment.status === "pending" && !checkoutUrl) {
    const checkout = await ctx.payments.createCheckout({
      paymentId: payment.id,
      userId: input.userId,
      amountMinor: payment.amountMinor,
      currency,
      successUrl: input.successUrl,
      cancelUrl: input.cancelUrl,
    });
    await ctx.db
      .update(payments)
      .set({ providerRef: checkout.providerRef, checkoutUrl: checkout.url })
      .where(eq(payments.id, payment.id));
    checkoutUrl = checkout.url;
  }

  const balanceMinor = await readUserBalanceMinor(ctx.db, input.userId);
  if (payment.status === "completed") ctx.live.toUser(input.userId, "wallet:updated", { balanceMinor: Number(balanceMinor) });
  return { topUp: toPublicTopUp({ ...payment, checkoutUrl }), balanceMinor: Number(balanceMinor) };
}
