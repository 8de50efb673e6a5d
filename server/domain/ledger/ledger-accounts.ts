import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { ledgerAccounts, type LedgerAccountKind } from "../../../db/schema.ts";

export type SystemAccountCode = "commission" | "payment_clearing" | "payout_pending" | "payout_clearing";

/** The user's one account (SPEC 4), created on first use. */
export async function ensureUserAccount(db: Executor, userId: string, currency: string): Promise<number> {
  await db.insert(ledgerAccounts).values({ kind: "user", userId, currency }).onConflictDoNothing();
  const [row] = await db
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.userId, userId), eq(ledgerAccounts.kind, "user")));
  if (!row) throw new Error(`ledger account for user ${userId} is missing`);
  return row.id;
}

/** An order's hold (escrow): money the customer paid that belongs to nobody yet. */
export async function ensureOrderHoldAccount(db: Executor, orderId: string, currency: string): Promise<number> {
  await db.insert(ledgerAccounts).values({ kind: "order_hold", orderId, currency }).onConflictDoNothing();
  const [row] = await db.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(eq(ledgerAccounts.orderId, orderId));
  if (!row) throw new Error(`hold account for order ${orderId} is missing`);
  return row.id;
}

/** Platform-wide accounts: commission, payment-provider clearing, payouts. */
export async function ensureSystemAccount(db: Executor, code: SystemAccountCode, currency: string): Promise<number> {
  const kind: LedgerAccountKind = code;
  await db.insert(ledgerAccounts).values({ kind, systemCode: code, currency }).onConflictDoNothing();
  const [row] = await db
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.systemCode, code));
  if (!row) throw new Error(`system ledger account ${code} is missing`);
  return row.id;
}

export async function readUserBalanceMinor(db: Executor, userId: string): Promise<bigint> {
  const [row] = await db
    .select({ balanceMinor: ledgerAccounts.balanceMinor })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.userId, userId), eq(ledgerAccounts.kind, "user")));
  return row?.balanceMinor ?? 0n;
}
