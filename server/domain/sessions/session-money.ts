import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { orders } from "../../../db/schema.ts";
import { chargeBlockFromAppointment, refundAppointmentBlock } from "../appointments/appointment-session-money.ts";
import type { Config } from "../../context.ts";
import { commissionAccountOf } from "../ledger/commission-shards.ts";
import { ensureAccounts } from "../ledger/ledger-accounts.ts";
import { postTransfer } from "../ledger/post-transfer.ts";
import { splitCommission } from "../ledger/split-commission.ts";
import { recordPendingEarning, reverseBlockEarning } from "../earnings/pending-earnings.ts";
import type { SessionRow } from "./session-view.ts";

type MoneyConfig = Pick<Config, "currency" | "commissionPercent" | "clearanceHours">;

/**
 * One block's charge (SPEC 5): the block price goes to the provider less commission, from
 * the order's prepaid hold for block 0 of a session on the hold, from the customer's
 * account otherwise. The key (session, block index) makes a replay move nothing, whichever
 * process or restart replays it.
 *
 * A block the customer's balance cannot pay is not charged but answered "unpaid", so the
 * caller ends the session at that block instead of failing its transaction.
 *
 * The provider's part goes to their pending earnings (SPEC 17) and clears `clearanceHours`
 * after `earnedAt`, the block's due instant (the same in any process that replays it).
 */
export async function chargeBlock(
  tx: Transaction,
  config: MoneyConfig,
  session: SessionRow,
  index: number,
  earnedAt: Date,
): Promise<"charged" | "unpaid"> {
  // SPEC 16: a session for an appointment pays from the appointment's hold while it holds a block.
  if (session.appointmentId && (await chargeBlockFromAppointment(tx, config, session, session.appointmentId, index, earnedAt))) return "charged";
  const priceMinor = session.blockPriceMinor;
  const fromHold = index === 0 && session.usesPrepaidBlock;
  // A block given back (charged after the recorded end, then the clock moved) may fall due
  // again: each refund starts a new series of keys, so the new charge is not taken for a replay.
  const idempotencyKey =
    session.blocksRefunded === 0 ? `session:${session.id}:block:${index}` : `session:${session.id}:block:${index}:after-refund:${session.blocksRefunded}`;
  const { commissionMinor, netMinor } = splitCommission(priceMinor, config.commissionPercent);
  // The three accounts and the payer's balance in one statement: this runs for every block
  // of every live session.
  const [payer, provider, commission] = await ensureAccounts(
    tx,
    [fromHold ? { orderId: session.orderId } : { userId: session.customerId }, { pendingOf: session.providerId }, commissionAccountOf(idempotencyKey)],
    config.currency,
  );
  // The hold holds exactly the prepaid block; a customer's balance may fall short.
  if (!fromHold && payer!.balanceMinor < priceMinor) return "unpaid";
  await postTransfer(tx, {
    idempotencyKey,
    kind: fromHold ? "session_prepaid_block" : "session_block",
    orderId: session.orderId,
    legs: [
      { accountId: payer!.id, amountMinor: -priceMinor },
      { accountId: provider!.id, amountMinor: netMinor },
      { accountId: commission!.id, amountMinor: commissionMinor },
    ],
  });
  await recordPendingEarning(tx, config.clearanceHours, {
    userId: session.providerId,
    orderId: session.orderId,
    sessionId: session.id,
    blockIndex: index,
    sourceKey: idempotencyKey,
    grossMinor: priceMinor,
    commissionMinor,
    netMinor,
    earnedAt,
  });
  if (fromHold) {
    await tx
      .update(orders)
      .set({ prepaidBlockUsed: true })
      .where(and(eq(orders.id, session.orderId), eq(orders.prepaidBlockUsed, false)));
  }
  return "charged";
}

/**
 * Gives one charged block back (SPEC 19: nothing is charged for time after a session's
 * recorded end; SPEC 18: a short session costs nothing; a block of poor quality is credited):
 * the exact reverse of its charge, through the ledger, inside the caller's transaction with the
 * session row locked. Block 0 of a session on the hold goes back to the hold, which then pays
 * a later session's block 0 again. `idempotencyKey` names this one refund.
 *
 * The provider's part comes out of the block's pending earning (SPEC 17); a block whose
 * earning has already cleared (a clearance shorter than the session) is taken back from the
 * provider's available balance instead.
 */
export async function refundBlock(
  tx: Transaction,
  config: MoneyConfig,
  session: SessionRow,
  index: number,
  input: { idempotencyKey: string; kind: "session_block_refund" | "session_quality_credit"; at: Date },
) {
  const priceMinor = session.blockPriceMinor;
  if (session.appointmentId && input.kind === "session_block_refund") {
    const back = await refundAppointmentBlock(tx, config, session, session.appointmentId, index, input.idempotencyKey, input.at);
    if (back) return back;
  }
  // A quality credit is the customer's to spend; a refund undoes the charge exactly.
  const toHold = index === 0 && session.usesPrepaidBlock && input.kind === "session_block_refund";
  const { commissionMinor, netMinor } = splitCommission(priceMinor, config.commissionPercent);
  const earning = await reverseBlockEarning(tx, session.id, index, input.at);
  const [payer, provider, commission] = await ensureAccounts(
    tx,
    [
      toHold ? { orderId: session.orderId } : { userId: session.customerId },
      earning ? { pendingOf: session.providerId } : { userId: session.providerId },
      commissionAccountOf(input.idempotencyKey),
    ],
    config.currency,
  );
  const result = await postTransfer(tx, {
    idempotencyKey: input.idempotencyKey,
    kind: input.kind,
    orderId: session.orderId,
    legs: [
      { accountId: payer!.id, amountMinor: priceMinor },
      { accountId: provider!.id, amountMinor: -netMinor },
      { accountId: commission!.id, amountMinor: -commissionMinor },
    ],
  });
  if (toHold && !result.replayed) {
    await tx
      .update(orders)
      .set({ prepaidBlockUsed: false })
      .where(and(eq(orders.id, session.orderId), eq(orders.prepaidBlockUsed, true)));
  }
  return result;
}
