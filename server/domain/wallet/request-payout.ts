import { and, eq } from "drizzle-orm";
import { payouts } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { ensureSystemAccount, ensureUserAccount, readUserBalanceMinor } from "../ledger/ledger-accounts.ts";
import { postTransfer } from "../ledger/post-transfer.ts";
import { withTransaction } from "../../../db/with-transaction.ts";

/** SPEC 4: the amount leaves the user's balance at once and waits for an administrator. */
export async function requestPayout(ctx: AppContext, input: { userId: string; amountMinor: bigint; requestKey: string }) {
  const { currency } = ctx.config;
  const payout = await withTransaction(ctx.db, async (tx) => {
    const [created] = await tx
      .insert(payouts)
      .values({ userId: input.userId, amountMinor: input.amountMinor, requestKey: input.requestKey })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [existing] = await tx
        .select()
        .from(payouts)
        .where(and(eq(payouts.userId, input.userId), eq(payouts.requestKey, input.requestKey)));
      if (!existing || existing.amountMinor !== input.amountMinor) {
        throw new AppError("idempotency_key_reused", "This idempotency key was already used for a different payout.");
      }
      return existing;
    }
    await postTransfer(tx, {
      idempotencyKey: `payout:${created.id}`,
      kind: "payout",
      legs: [
        { accountId: await ensureUserAccount(tx, input.userId, currency), amountMinor: -input.amountMinor },
        { accountId: await ensureSystemAccount(tx, "payout_pending", currency), amountMinor: input.amountMinor },
      ],
    });
    return created;
  });
  const balanceMinor = Number(await readUserBalanceMinor(ctx.db, input.userId));
  ctx.live.toUser(input.userId, "wallet:updated", { balanceMinor });
  return { payout: toPublicPayout(payout), balanceMinor };
}

export function toPublicPayout(payout: typeof payouts.$inferSelect) {
  return {
    id: payout.id,
    userId: payout.userId,
    amountMinor: Number(payout.amountMinor),
    status: payout.status,
    createdAt: payout.createdAt.toISOString(),
    paidAt: payout.paidAt?.toISOString() ?? null,
  };
}
