import { and, eq } from "drizzle-orm";
import { payouts } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { ensureSystemAccount } from "../ledger/ledger-accounts.ts";
import { postTransfer } from "../ledger/post-transfer.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { toPublicPayout } from "./request-payout.ts";

/** An administrator confirms the bank transfer: the money leaves the platform's books. */
export async function markPayoutPaid(ctx: AppContext, input: { payoutId: string; adminId: string }) {
  const { currency } = ctx.config;
  const paid = await withTransaction(ctx.db, async (tx) => {
    const [updated] = await tx
      .update(payouts)
      .set({ status: "paid", paidAt: ctx.now(), paidBy: input.adminId })
      .where(and(eq(payouts.id, input.payoutId), eq(payouts.status, "requested")))
      .returning();
    if (!updated) {
      const [existing] = await tx.select({ status: payouts.status }).from(payouts).where(eq(payouts.id, input.payoutId));
      if (!existing) throw new AppError("not_found", "There is no such payout.");
      throw new AppError("invalid_state", `This payout is already ${existing.status}.`);
    }
    await postTransfer(tx, {
      idempotencyKey: `payout_paid:${updated.id}`,
      kind: "payout_paid",
      memo: "Payout sent",
      legs: [
        { accountId: await ensureSystemAccount(tx, "payout_pending", currency), amountMinor: -updated.amountMinor },
        { accountId: await ensureSystemAccount(tx, "payout_clearing", currency), amountMinor: updated.amountMinor },
      ],
    });
    return updated;
  });
  return toPublicPayout(paid);
}
