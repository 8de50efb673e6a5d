import { and, desc, eq } from "drizzle-orm";
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";

const MOVEMENTS_SHOWN = 200;

/** SPEC 4 "Finances": the balance and every movement with date, order and reason. */
export async function getWallet(ctx: AppContext, userId: string) {
  const [account] = await ctx.db
    .select({ id: ledgerAccounts.id, balanceMinor: ledgerAccounts.balanceMinor, currency: ledgerAccounts.currency })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.userId, userId), eq(ledgerAccounts.kind, "user")));
  if (!account) return { balanceMinor: 0, currency: ctx.config.currency, movements: [] };

  const rows = await ctx.db
    .select({
      id: ledgerEntries.id,
      createdAt: ledgerEntries.createdAt,
      amountMinor: ledgerEntries.amountMinor,
      kind: ledgerTransactions.kind,
      memo: ledgerTransactions.memo,
      orderId: ledgerTransactions.orderId,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .where(eq(ledgerEntries.accountId, account.id))
    .orderBy(desc(ledgerEntries.id))
    .limit(MOVEMENTS_SHOWN);

  return {
    balanceMinor: Number(account.balanceMinor),
    currency: account.currency,
    movements: rows.map((row) => ({
      id: String(row.id),
      createdAt: row.createdAt.toISOString(),
      amountMinor: Number(row.amountMinor),
      kind: kindForReader(row.kind, Number(row.amountMinor)),
      memo: row.memo,
      orderId: row.orderId,
    })),
  };
}

/**
 * A files order is one transfer (customer to provider and commission) under one kind; the
 * provider's side of it is a sale, not a purchase.
 */
function kindForReader(kind: string, amountMinor: number): string {
  if (kind === "files_purchase" && amountMinor > 0) return "files_sale";
  return kind;
}
