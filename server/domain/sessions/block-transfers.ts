import type { Transaction } from "../../../db/client.ts";
import type { Config } from "../../context.ts";
import { recordPendingEarning, reverseBlockEarning } from "../earnings/pending-earnings.ts";
import { commissionAccountOf } from "../ledger/commission-shards.ts";
import { type AccountOwner, ensureAccounts } from "../ledger/ledger-accounts.ts";
import { postTransfer, type TransferResult } from "../ledger/post-transfer.ts";
import { splitCommission } from "../ledger/split-commission.ts";

type MoneyConfig = Pick<Config, "currency" | "commissionPercent" | "clearanceHours">;
type BlockSession = { id: string; orderId: string; providerId: string; blockPriceMinor: bigint; blocksRefunded: number };

/**
 * The ledger key of a session's block charge. A block given back (charged after the recorded
 * end, then the clock moved) may fall due again: each refund starts a new series of keys, so the
 * new charge is not taken for a replay.
 */
export function blockChargeKey(session: BlockSession, index: number): string {
  return session.blocksRefunded === 0 ? `session:${session.id}:block:${index}` : `session:${session.id}:block:${index}:after-refund:${session.blocksRefunded}`;
}

/**
 * One block's price from `payer` to the provider's pending earnings (SPEC 17) less commission,
 * whoever pays it (the customer's balance, the order's prepaid hold, an appointment's hold), in
 * the caller's transaction. With `mustCover`, a payer short of the price is "unpaid" and nothing
 * moves. The earning clears `clearanceHours` after `earnedAt`, the block's due instant.
 */
export async function payBlock(
  tx: Transaction,
  config: MoneyConfig,
  session: BlockSession,
  index: number,
  input: { payer: AccountOwner; mustCover: boolean; kind: string; earnedAt: Date; appointmentId?: string },
): Promise<TransferResult | "unpaid"> {
  const priceMinor = session.blockPriceMinor;
  const idempotencyKey = blockChargeKey(session, index);
  const { commissionMinor, netMinor } = splitCommission(priceMinor, config.commissionPercent);
  // The three accounts and the payer's balance in one statement: this runs for every block
  // of every live session.
  const [payer, provider, commission] = await ensureAccounts(tx, [input.payer, { pendingOf: session.providerId }, commissionAccountOf(idempotencyKey)], config.currency);
  if (input.mustCover && payer!.balanceMinor < priceMinor) return "unpaid";
  const result = await postTransfer(tx, {
    idempotencyKey,
    kind: input.kind,
    orderId: session.orderId,
    legs: [
      { accountId: payer!.id, amountMinor: -priceMinor },
      { accountId: provider!.id, amountMinor: netMinor },
      { accountId: commission!.id, amountMinor: commissionMinor },
    ],
  });
  if (result.replayed) return result;
  await recordPendingEarning(tx, config.clearanceHours, {
    userId: session.providerId,
    orderId: session.orderId,
    appointmentId: input.appointmentId,
    sessionId: session.id,
    blockIndex: index,
    sourceKey: idempotencyKey,
    grossMinor: priceMinor,
    commissionMinor,
    netMinor,
    earnedAt: input.earnedAt,
  });
  return result;
}

/**
 * The exact reverse of a block's charge, back to `payer`: the provider's part comes out of the
 * block's pending earning, or out of their available balance when it has already cleared (a
 * clearance shorter than the session). `idempotencyKey` names this one refund.
 */
export async function unpayBlock(
  tx: Transaction,
  config: MoneyConfig,
  session: BlockSession,
  index: number,
  input: { payer: AccountOwner; kind: string; idempotencyKey: string; at: Date },
): Promise<TransferResult> {
  const priceMinor = session.blockPriceMinor;
  const { commissionMinor, netMinor } = splitCommission(priceMinor, config.commissionPercent);
  const earning = await reverseBlockEarning(tx, session.id, index, input.at);
  const [payer, provider, commission] = await ensureAccounts(
    tx,
    [input.payer, earning ? { pendingOf: session.providerId } : { userId: session.providerId }, commissionAccountOf(input.idempotencyKey)],
    config.currency,
  );
  return postTransfer(tx, {
    idempotencyKey: input.idempotencyKey,
    kind: input.kind,
    orderId: session.orderId,
    legs: [
      { accountId: payer!.id, amountMinor: priceMinor },
      { accountId: provider!.id, amountMinor: -netMinor },
      { accountId: commission!.id, amountMinor: -commissionMinor },
    ],
  });
}
