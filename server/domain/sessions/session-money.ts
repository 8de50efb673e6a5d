import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { orders } from "../../../db/schema.ts";
import type { Config } from "../../env.ts";
import { ensureOrderHoldAccount, ensureSystemAccount, ensureUserAccount } from "../ledger/ledger-accounts.ts";
import { postTransfer } from "../ledger/post-transfer.ts";
import { splitCommission } from "../ledger/split-commission.ts";
import type { SessionRow } from "./session-view.ts";

type MoneyConfig = Pick<Config, "currency" | "commissionPercent">;

/**
 * One block's charge (SPEC 5): the block price goes to the provider less commission, from
 * the order's prepaid hold for block 0 of a session on the hold, from the customer's
 * account otherwise. The key (session, block index) makes a replay move nothing, whichever
 * process or restart replays it.
 */
export async function chargeBlock(tx: Transaction, config: MoneyConfig, session: SessionRow, index: number) {
  const priceMinor = session.blockPriceMinor;
  const fromHold = index === 0 && session.usesPrepaidBlock;
  const { commissionMinor, netMinor } = splitCommission(priceMinor, config.commissionPercent);
  const payer = fromHold
    ? await ensureOrderHoldAccount(tx, session.orderId, config.currency)
    : await ensureUserAccount(tx, session.customerId, config.currency);
  await postTransfer(tx, {
    idempotencyKey: `session:${session.id}:block:${index}`,
    kind: fromHold ? "session_prepaid_block" : "session_block",
    orderId: session.orderId,
    legs: [
      { accountId: payer, amountMinor: -priceMinor },
      { accountId: await ensureUserAccount(tx, session.providerId, config.currency), amountMinor: netMinor },
      { accountId: await ensureSystemAccount(tx, "commission", config.currency), amountMinor: commissionMinor },
    ],
  });
  if (fromHold) {
    await tx
      .update(orders)
      .set({ prepaidBlockUsed: true })
      .where(and(eq(orders.id, session.orderId), eq(orders.prepaidBlockUsed, false)));
  }
}
