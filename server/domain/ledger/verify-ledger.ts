import { sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";

export type LedgerReport = {
  ok: boolean;
  accountsSumMinor: number;
  entriesSumMinor: number;
  negativeCustomerAccounts: { accountId: number; userId: string | null; orderId: string | null; balanceMinor: number }[];
  unbalancedTransactions: { transactionId: number; sumMinor: number }[];
  transactionsWithoutEntries: number[];
  balanceMismatches: { accountId: number; balanceMinor: number; entriesMinor: number }[];
};

/** The auditor's view of SPEC 4: everything sums to zero and nobody's account is negative. */
export async function verifyLedger(db: Executor): Promise<LedgerReport> {
  // Both drivers answer execute() with `{ rows }`; the shared type cannot say so.
  const rows = async <T>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;

  const [sums] = await rows<{ accounts: string; entries: string }>(sql`
    SELECT (SELECT COALESCE(SUM(balance_minor), 0) FROM ledger_accounts)::text AS accounts,
           (SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_entries)::text AS entries`);
  const negatives = await rows<{ id: string; user_id: string | null; order_id: string | null; balance_minor: string }>(sql`
    SELECT id, user_id, order_id, balance_minor FROM ledger_accounts
    WHERE kind IN ('user', 'order_hold', 'earnings_pending', 'package_hold', 'appointment_hold') AND balance_minor < 0 ORDER BY id`);
  const unbalanced = await rows<{ transaction_id: string; total: string }>(sql`
    SELECT transaction_id, SUM(amount_minor) AS total FROM ledger_entries
    GROUP BY transaction_id HAVING SUM(amount_minor) <> 0 ORDER BY transaction_id`);
  const empty = await rows<{ id: string }>(sql`
    SELECT t.id FROM ledger_transactions t
    WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transaction_id = t.id) ORDER BY t.id`);
  const mismatches = await rows<{ id: string; balance_minor: string; entries: string }>(sql`
    SELECT a.id, a.balance_minor, COALESCE(e.total, 0) AS entries
    FROM ledger_accounts a
    LEFT JOIN (SELECT account_id, SUM(amount_minor) AS total FROM ledger_entries GROUP BY account_id) e
      ON e.account_id = a.id
    WHERE a.balance_minor <> COALESCE(e.total, 0) ORDER BY a.id`);

  const report: LedgerReport = {
    ok: false,
    accountsSumMinor: Number(sums?.accounts ?? 0),
    entriesSumMinor: Number(sums?.entries ?? 0),
    negativeCustomerAccounts: negatives.map((r) => ({
      accountId: Number(r.id),
      userId: r.user_id,
      orderId: r.order_id,
      balanceMinor: Number(r.balance_minor),
    })),
    unbalancedTransactions: unbalanced.map((r) => ({ transactionId: Number(r.transaction_id), sumMinor: Number(r.total) })),
    transactionsWithoutEntries: empty.map((r) => Number(r.id)),
    balanceMismatches: mismatches.map((r) => ({
      accountId: Number(r.id),
      balanceMinor: Number(r.balance_minor),
      entriesMinor: Number(r.entries),
    })),
  };
  report.ok =
    report.accountsSumMinor === 0 &&
    report.entriesSumMinor === 0 &&
    report.negativeCustomerAccounts.length === 0 &&
    report.unbalancedTransactions.length === 0 &&
    report.transactionsWithoutEntries.length === 0 &&
    report.balanceMismatches.length === 0;
  return report;
}
