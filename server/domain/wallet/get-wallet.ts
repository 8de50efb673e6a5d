import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { ledgerAccounts, ledgerEntries, ledgerTransactions, pendingEarnings } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";

const MOVEMENTS_SHOWN = 200;
const PENDING_SHOWN = 200;

/**
 * SPEC 4 "Finances": the balance and every movement with date, order and reason. SPEC 17:
 * a provider's balance is what is available; their pending earnings are shown beside it,
 * each with the instant it clears, and their movements are listed as pending. A clearance
 * is listed once, as the available side's arrival.
 */
export async function getWallet(ctx: AppContext, userId: string) {
  const accounts = await ctx.db
    .select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind, balanceMinor: ledgerAccounts.balanceMinor, currency: ledgerAccounts.currency })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.userId, userId), inArray(ledgerAccounts.kind, ["user", "earnings_pending"])));
  const available = accounts.find((account) => account.kind === "user");
  const pendingAccount = accounts.find((account) => account.kind === "earnings_pending");
  const currency = available?.currency ?? pendingAccount?.currency ?? ctx.config.currency;
  const availableMinor = Number(available?.balanceMinor ?? 0n);
  const empty = { balanceMinor: availableMinor, availableMinor, pendingMinor: 0, currency, pending: [], movements: [] };
  if (accounts.length === 0) return empty;

  const rows = await ctx.db
    .select({
      id: ledgerEntries.id,
      accountId: ledgerEntries.accountId,
      createdAt: ledgerEntries.createdAt,
      amountMinor: ledgerEntries.amountMinor,
      kind: ledgerTransactions.kind,
      memo: ledgerTransactions.memo,
      orderId: ledgerTransactions.orderId,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .where(
      or(
        available ? eq(ledgerEntries.accountId, available.id) : sql`false`,
        pendingAccount ? and(eq(ledgerEntries.accountId, pendingAccount.id), sql`${ledgerTransactions.kind} <> 'earnings_cleared'`) : sql`false`,
      ),
    )
    .orderBy(desc(ledgerEntries.id))
    .limit(MOVEMENTS_SHOWN);

  const pending = await ctx.db
    .select({
      id: pendingEarnings.id,
      amountMinor: pendingEarnings.netMinor,
      clearsAt: pendingEarnings.clearsAt,
      orderId: pendingEarnings.orderId,
      appointmentId: pendingEarnings.appointmentId,
      sessionId: pendingEarnings.sessionId,
      held: sql<boolean>`(
        EXISTS (SELECT 1 FROM consultation_sessions s WHERE s.id = ${pendingEarnings.sessionId} AND s.status = 'live')
        OR EXISTS (SELECT 1 FROM session_reports r WHERE r.session_id = ${pendingEarnings.sessionId} AND r.status = 'open')
        OR EXISTS (SELECT 1 FROM disputes d WHERE d.order_id = ${pendingEarnings.orderId} AND d.status = 'open'))`,
    })
    .from(pendingEarnings)
    .where(and(eq(pendingEarnings.userId, userId), eq(pendingEarnings.status, "pending")))
    .orderBy(asc(pendingEarnings.clearsAt), asc(pendingEarnings.id))
    .limit(PENDING_SHOWN);

  return {
    balanceMinor: availableMinor,
    availableMinor,
    pendingMinor: Number(pendingAccount?.balanceMinor ?? 0n),
    currency,
    pending: pending.map((row) => ({
      id: row.id,
      amountMinor: Number(row.amountMinor),
      clearsAt: row.clearsAt.toISOString(),
      orderId: row.orderId,
      appointmentId: row.appointmentId,
      sessionId: row.sessionId,
      held: Boolean(row.held),
    })),
    movements: rows.map((row) => ({
      id: String(row.id),
      createdAt: row.createdAt.toISOString(),
      amountMinor: Number(row.amountMinor),
      kind: kindForReader(row.kind, Number(row.amountMinor)),
      memo: row.memo,
      orderId: row.orderId,
      account: row.accountId === pendingAccount?.id ? ("pending" as const) : ("available" as const),
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
