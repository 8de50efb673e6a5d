import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { ledgerAccounts, type packagePurchases } from "../../../db/schema.ts";
import type { Config } from "../../context.ts";
import { commissionAccountOf } from "../ledger/commission-shards.ts";
import { ensureAccounts, type OwnedAccount } from "../ledger/ledger-accounts.ts";
import { postTransfer } from "../ledger/post-transfer.ts";
import { splitCommission } from "../ledger/split-commission.ts";
import { recordPendingEarning } from "../earnings/pending-earnings.ts";

export type PackageMoneyConfig = Pick<Config, "currency" | "commissionPercent" | "clearanceHours">;
export type PurchaseRow = typeof packagePurchases.$inferSelect;

/**
 * One minute's share of a package (SPEC 18), rounded down; what rounding leaves in the hold
 * reaches the provider with the rest of the hold when the package ends.
 */
export function minuteShareMinor(purchase: Pick<PurchaseRow, "priceMinor" | "minutes">): bigint {
  return purchase.priceMinor / BigInt(purchase.minutes);
}

/** The purchase's own hold account (kind package_hold), created on first use. */
export async function ensurePackageHoldAccount(tx: Transaction, purchaseId: string, currency: string): Promise<OwnedAccount> {
  const find = async () => {
    const [row] = await tx
      .select({ id: ledgerAccounts.id, balanceMinor: ledgerAccounts.balanceMinor })
      .from(ledgerAccounts)
      .where(and(eq(ledgerAccounts.packagePurchaseId, purchaseId), eq(ledgerAccounts.kind, "package_hold")));
    return row;
  };
  const existing = await find();
  if (existing) return existing;
  await tx.insert(ledgerAccounts).values({ kind: "package_hold", packagePurchaseId: purchaseId, currency }).onConflictDoNothing();
  const created = await find();
  if (!created) throw new Error(`package hold ${purchaseId} is missing`);
  return created;
}

/**
 * Moves `amountMinor` from the package's hold to the provider, less commission. Like every
 * credit to a provider (SPEC 17), it goes to their pending earnings and clears
 * `clearanceHours` after `earnedAt`. A drawn minute's earning names its session (so it waits
 * while the session is live or reported, as the session's blocks do) but no block index: a
 * session report or a dispute gives back blocks only, never drawn minutes.
 */
async function payProviderFromHold(
  tx: Transaction,
  config: PackageMoneyConfig,
  purchase: PurchaseRow,
  input: { amountMinor: bigint; idempotencyKey: string; kind: "package_minute" | "package_rest"; earnedAt: Date; sessionId: string | null },
) {
  const hold = await ensurePackageHoldAccount(tx, purchase.id, config.currency);
  const { commissionMinor, netMinor } = splitCommission(input.amountMinor, config.commissionPercent);
  const [provider, commission] = await ensureAccounts(
    tx,
    [{ pendingOf: purchase.providerId }, commissionAccountOf(input.idempotencyKey)],
    config.currency,
  );
  const result = await postTransfer(tx, {
    idempotencyKey: input.idempotencyKey,
    kind: input.kind,
    orderId: purchase.orderId,
    legs: [
      { accountId: hold.id, amountMinor: -input.amountMinor },
      { accountId: provider!.id, amountMinor: netMinor },
      { accountId: commission!.id, amountMinor: commissionMinor },
    ],
  });
  await recordPendingEarning(tx, config.clearanceHours, {
    userId: purchase.providerId,
    orderId: purchase.orderId,
    sessionId: input.sessionId,
    blockIndex: null,
    sourceKey: input.idempotencyKey,
    grossMinor: input.amountMinor,
    commissionMinor,
    netMinor,
    earnedAt: input.earnedAt,
  });
  return result;
}

/**
 * One drawn minute's share to the provider; `key` names the minute (session and index), earned
 * at the minute's due instant (the same in any process that replays it).
 */
export function payDrawnMinute(
  tx: Transaction,
  config: PackageMoneyConfig,
  purchase: PurchaseRow,
  input: { key: string; sessionId: string; earnedAt: Date },
) {
  return payProviderFromHold(tx, config, purchase, {
    amountMinor: minuteShareMinor(purchase),
    idempotencyKey: input.key,
    kind: "package_minute",
    earnedAt: input.earnedAt,
    sessionId: input.sessionId,
  });
}

/** When a package ends (at `endedAt`), what is left of its hold goes to the provider (SPEC 18). */
export async function payRestOfHold(tx: Transaction, config: PackageMoneyConfig, purchase: PurchaseRow, endedAt: Date) {
  const hold = await ensurePackageHoldAccount(tx, purchase.id, config.currency);
  if (hold.balanceMinor <= 0n) return null;
  return payProviderFromHold(tx, config, purchase, {
    amountMinor: hold.balanceMinor,
    idempotencyKey: `package:${purchase.id}:rest`,
    kind: "package_rest",
    earnedAt: endedAt,
    sessionId: null,
  });
}
