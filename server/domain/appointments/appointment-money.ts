import { eq, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { appointments } from "../../../db/schema.ts";
import type { Config } from "../../context.ts";
import { commissionAccountOf } from "../ledger/commission-shards.ts";
import { ensureAccounts } from "../ledger/ledger-accounts.ts";
import { postTransfer, type TransferLeg } from "../ledger/post-transfer.ts";
import { splitCommission } from "../ledger/split-commission.ts";
import { recordPendingEarning } from "../earnings/pending-earnings.ts";
import type { Split } from "./appointment-rules.ts";
import type { AppointmentRow } from "./appointment-view.ts";

type MoneyConfig = Pick<Config, "currency" | "commissionPercent" | "clearanceHours">;

/**
 * Empties (part of) the appointment's hold in one ledger transaction, inside the caller's
 * transaction with the status change it pays for: `toProviderMinor` to the provider less
 * commission, `toCustomerMinor` back to the customer's balance. The counters on the row
 * move in the same transaction, so price = paid + refunded + held at every commit.
 * `purpose` names the command; the key (appointment, purpose) makes a replay move nothing.
 *
 * The provider's part goes to their pending earnings (SPEC 17) and clears `clearanceHours`
 * after `earned.at`. The release at the end of the appointment's session names that session
 * (`earned.sessionId`), so a report on the session holds it and an upheld report gives it back
 * with the session's blocks (docs/decisions.md).
 */
export async function settleAppointmentHold(
  tx: Transaction,
  config: MoneyConfig,
  row: Pick<AppointmentRow, "id" | "customerId" | "providerId" | "orderId">,
  split: Split,
  purpose: string,
  kind: string,
  earned: { at: Date; sessionId?: string | null },
) {
  if (split.toProviderMinor === 0n && split.toCustomerMinor === 0n) return;
  const idempotencyKey = `appointment:${row.id}:${purpose}`;
  const [hold, customer, provider, commission] = await ensureAccounts(
    tx,
    [{ appointmentId: row.id }, { userId: row.customerId }, { pendingOf: row.providerId }, commissionAccountOf(idempotencyKey)],
    config.currency,
  );
  const { commissionMinor, netMinor } = splitCommission(split.toProviderMinor, config.commissionPercent);
  const legs: TransferLeg[] = [
    { accountId: hold!.id, amountMinor: -(split.toProviderMinor + split.toCustomerMinor) },
    { accountId: customer!.id, amountMinor: split.toCustomerMinor },
    { accountId: provider!.id, amountMinor: netMinor },
    { accountId: commission!.id, amountMinor: commissionMinor },
  ];
  const result = await postTransfer(tx, { idempotencyKey, kind, legs });
  if (result.replayed) return;
  await recordPendingEarning(tx, config.clearanceHours, {
    userId: row.providerId,
    orderId: row.orderId,
    appointmentId: row.id,
    sessionId: earned.sessionId ?? null,
    sourceKey: idempotencyKey,
    grossMinor: split.toProviderMinor,
    commissionMinor,
    netMinor,
    earnedAt: earned.at,
  });
  await tx
    .update(appointments)
    .set({
      paidMinor: sql`${appointments.paidMinor} + ${split.toProviderMinor}`,
      refundedMinor: sql`${appointments.refundedMinor} + ${split.toCustomerMinor}`,
    })
    .where(eq(appointments.id, row.id));
}

/** What the hold still holds, by the row's counters (kept equal to the ledger by settleAppointmentHold). */
export function heldOf(row: Pick<AppointmentRow, "priceMinor" | "paidMinor" | "refundedMinor">): bigint {
  return row.priceMinor - row.paidMinor - row.refundedMinor;
}
