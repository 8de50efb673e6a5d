import { and, eq, gt, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { appointments, consultationSessions } from "../../../db/schema.ts";
import type { Config } from "../../context.ts";
import type { TransferResult } from "../ledger/post-transfer.ts";
import { payBlock, unpayBlock } from "../sessions/block-transfers.ts";

type MoneyConfig = Pick<Config, "currency" | "commissionPercent" | "clearanceHours">;
type SessionMoneyRow = { id: string; orderId: string; customerId: string; providerId: string; blockPriceMinor: bigint; blocksRefunded: number };

/**
 * SPEC 16 "The appointment's session": a block is paid from the appointment's hold while it
 * holds one, in the caller's transaction (the session row is locked). Answers false when the
 * hold is spent, so the caller charges the balance as in SPEC 5. Blocks paid so are the
 * session's first ones (`appointment_blocks` counts them); the row's `paidMinor` moves with them.
 * The provider's part goes to their pending earnings (SPEC 17) like any block's, clearing
 * `clearanceHours` after `earnedAt` (the block's due instant).
 */
export async function chargeBlockFromAppointment(
  tx: Transaction,
  config: MoneyConfig,
  session: SessionMoneyRow,
  appointmentId: string,
  index: number,
  earnedAt: Date,
): Promise<boolean> {
  const priceMinor = session.blockPriceMinor;
  const paid = await payBlock(tx, config, session, index, { payer: { appointmentId }, mustCover: true, kind: "appointment_block", earnedAt, appointmentId });
  if (paid === "unpaid") return false;
  if (paid.replayed) return true;
  await tx.update(appointments).set({ paidMinor: sql`${appointments.paidMinor} + ${priceMinor}` }).where(eq(appointments.id, appointmentId));
  await tx
    .update(consultationSessions)
    .set({ appointmentBlocks: sql`${consultationSessions.appointmentBlocks} + 1` })
    .where(eq(consultationSessions.id, session.id));
  return true;
}

/**
 * Gives back a block the hold paid (SPEC 18/19 refunds): into the hold again, where it waits
 * for the next block or the end's release. Answers null for a block the balance paid. The
 * provider's part comes out of the block's pending earning, or out of their available balance
 * when it has already cleared, as for any block (session-money.ts `refundBlock`).
 */
export async function refundAppointmentBlock(
  tx: Transaction,
  config: MoneyConfig,
  session: SessionMoneyRow,
  appointmentId: string,
  index: number,
  idempotencyKey: string,
  at: Date,
): Promise<TransferResult | null> {
  const [fresh] = await tx.select({ appointmentBlocks: consultationSessions.appointmentBlocks }).from(consultationSessions).where(eq(consultationSessions.id, session.id));
  if (!fresh || index >= fresh.appointmentBlocks) return null;
  const priceMinor = session.blockPriceMinor;
  const result = await unpayBlock(tx, config, session, index, { payer: { appointmentId }, kind: "appointment_block_refund", idempotencyKey, at });
  if (!result.replayed) {
    await tx.update(appointments).set({ paidMinor: sql`${appointments.paidMinor} - ${priceMinor}` }).where(eq(appointments.id, appointmentId));
    await tx
      .update(consultationSessions)
      .set({ appointmentBlocks: sql`${consultationSessions.appointmentBlocks} - 1` })
      .where(and(eq(consultationSessions.id, session.id), gt(consultationSessions.appointmentBlocks, 0)));
  }
  return result;
}
