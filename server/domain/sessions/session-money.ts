import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { orders } from "../../../db/schema.ts";
import { chargeBlockFromAppointment, refundAppointmentBlock } from "../appointments/appointment-session-money.ts";
import type { Config } from "../../context.ts";
import { payBlock, unpayBlock } from "./block-transfers.ts";
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
  const fromHold = index === 0 && session.usesPrepaidBlock;
  // The hold holds exactly the prepaid block; a customer's balance may fall short.
  const paid = await payBlock(tx, config, session, index, {
    payer: fromHold ? { orderId: session.orderId } : { userId: session.customerId },
    mustCover: !fromHold,
    kind: fromHold ? "session_prepaid_block" : "session_block",
    earnedAt,
  });
  if (paid === "unpaid") return "unpaid";
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
  if (session.appointmentId && input.kind === "session_block_refund") {
    const back = await refundAppointmentBlock(tx, config, session, session.appointmentId, index, input.idempotencyKey, input.at);
    if (back) return back;
  }
  // A quality credit is the customer's to spend; a refund undoes the charge exactly.
  const toHold = index === 0 && session.usesPrepaidBlock && input.kind === "session_block_refund";
  const result = await unpayBlock(tx, config, session, index, {
    payer: toHold ? { orderId: session.orderId } : { userId: session.customerId },
    kind: input.kind,
    idempotencyKey: input.idempotencyKey,
    at: input.at,
  });
  if (toHold && !result.replayed) {
    await tx
      .update(orders)
      .set({ prepaidBlockUsed: false })
      .where(and(eq(orders.id, session.orderId), eq(orders.prepaidBlockUsed, true)));
  }
  return result;
}
