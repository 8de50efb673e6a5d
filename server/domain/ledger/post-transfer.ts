import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { runPreparedStatement } from "../../../db/run-prepared-statement.ts";
import { ledgerTransactions } from "../../../db/schema.ts";
import { AppError } from "../../errors.ts";

export type TransferLeg = { accountId: number; amountMinor: bigint };

export type TransferCommand = {
  /** Unique per money command: replays with the same key move nothing. */
  idempotencyKey: string;
  kind: string;
  /** Free text a person wrote (a dispute's reason…); the kind already says what happened. */
  memo?: string | null;
  orderId?: string | null;
  legs: TransferLeg[];
};

export type TransferResult = { transactionId: number; replayed: boolean };

/**
 * Posts one balanced double-entry transaction inside the caller's database transaction,
 * so it commits or rolls back together with the state change it pays for.
 *
 * One statement, prepared once per connection: every block charge of every live session
 * comes through here, and the accounts it locks stay locked until the caller commits, so
 * each round trip and each parse is time other charges wait for. Inside the statement the
 * order matters for PostgreSQL and is spelled out below: claim the idempotency key, then
 * lock the accounts in one fixed order, then check, move the balances and write the entries.
 */
export async function postTransfer(tx: Transaction, command: TransferCommand): Promise<TransferResult> {
  const legs = mergeLegs(command.legs);
  const fingerprint = fingerprintOf(command.kind, legs);
  // Array literals, so one statement text serves any number of legs.
  const accountIds = `{${legs.map((leg) => leg.accountId).join(",")}}`;
  const amounts = `{${legs.map((leg) => leg.amountMinor.toString()).join(",")}}`;

  // `claimed` runs first: `locked` waits for it (an uncorrelated EXISTS is evaluated once,
  // before the scan). A replay, or a concurrent twin PostgreSQL made wait on the key, thus
  // locks nothing. `locked` takes the row locks in one total order for every transfer:
  // people's accounts by id, then the shared system accounts by id, so two transfers never
  // deadlock, and the shared rows are held for the shortest time. PostgreSQL sorts before
  // it locks and returns each row as it is once locked; FOR NO KEY UPDATE, so the entries'
  // foreign keys do not conflict with it. Balances move and entries are written only when
  // every account exists and none that must stay non-negative would go below zero (SPEC 4;
  // the database refuses that too, this only turns the refusal into a clear error).
  const [outcome] = await runPreparedStatement<{
    transaction_id: string | null;
    locked: number;
    short_after_minor: string | null;
    written: number;
  }>(
    tx,
    "ledger_post_transfer",
    sql`
    WITH legs AS (
      SELECT * FROM unnest(${accountIds}::bigint[], ${amounts}::bigint[]) AS l (account_id, amount_minor)
    ),
    claimed AS (
      INSERT INTO ledger_transactions (idempotency_key, fingerprint, kind, memo, order_id)
      VALUES (${command.idempotencyKey}, ${fingerprint}, ${command.kind}, ${command.memo ?? null}::text, ${command.orderId ?? null}::uuid)
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id
    ),
    locked AS (
      SELECT id, kind, balance_minor FROM ledger_accounts
      WHERE id = ANY (${accountIds}::bigint[]) AND EXISTS (SELECT 1 FROM claimed)
      ORDER BY system_code IS NOT NULL, id
      FOR NO KEY UPDATE
    ),
    short AS (
      SELECT a.id, a.balance_minor + l.amount_minor AS after_minor
      FROM locked a JOIN legs l ON l.account_id = a.id
      WHERE a.kind IN ('user', 'order_hold', 'earnings_pending', 'package_hold', 'appointment_hold') AND a.balance_minor + l.amount_minor < 0
    ),
    moved AS (
      UPDATE ledger_accounts a SET balance_minor = a.balance_minor + l.amount_minor
      FROM legs l
      WHERE a.id = ANY (${accountIds}::bigint[]) AND a.id = l.account_id
        AND (SELECT count(*) FROM locked) = (SELECT count(*) FROM legs)
        AND NOT EXISTS (SELECT 1 FROM short)
      RETURNING a.id, l.amount_minor
    ),
    written AS (
      INSERT INTO ledger_entries (transaction_id, account_id, amount_minor)
      SELECT (SELECT id FROM claimed), id, amount_minor FROM moved
      RETURNING 1
    )
    SELECT (SELECT id FROM claimed)::text AS transaction_id,
           (SELECT count(*) FROM locked)::int AS locked,
           (SELECT after_minor FROM short ORDER BY id LIMIT 1)::text AS short_after_minor,
           (SELECT count(*) FROM written)::int AS written`,
  );
  if (!outcome) throw new Error("a ledger transfer answered nothing");

  if (outcome.transaction_id === null) {
    const [existing] = await tx
      .select({ id: ledgerTransactions.id, fingerprint: ledgerTransactions.fingerprint })
      .from(ledgerTransactions)
      .where(eq(ledgerTransactions.idempotencyKey, command.idempotencyKey));
    if (!existing) throw new Error("idempotency key vanished between insert and select");
    if (existing.fingerprint !== fingerprint) {
      throw new AppError("idempotency_key_reused", "This idempotency key was already used for a different request.");
    }
    return { transactionId: existing.id, replayed: true };
  }
  // Anything below leaves the claimed key without entries: the error rolls the caller's
  // transaction back, key included.
  if (outcome.locked !== legs.length) throw new Error("a ledger account in the transfer does not exist");
  if (outcome.short_after_minor !== null) {
    throw new AppError("insufficient_funds", "The balance is too low for this payment.", {
      details: { shortfallMinor: Number(-BigInt(outcome.short_after_minor)) },
    });
  }
  if (outcome.written !== legs.length) throw new Error("a ledger transfer wrote fewer entries than it has legs");
  return { transactionId: Number(outcome.transaction_id), replayed: false };
}

function mergeLegs(legs: TransferLeg[]): TransferLeg[] {
  const byAccount = new Map<number, bigint>();
  for (const leg of legs) {
    if (typeof leg.amountMinor !== "bigint") throw new Error("ledger amounts must be bigint minor units");
    byAccount.set(leg.accountId, (byAccount.get(leg.accountId) ?? 0n) + leg.amountMinor);
  }
  const merged = [...byAccount]
    .filter(([, amountMinor]) => amountMinor !== 0n)
    .map(([accountId, amountMinor]) => ({ accountId, amountMinor }))
    .sort((a, b) => a.accountId - b.accountId);
  const total = merged.reduce((sum, leg) => sum + leg.amountMinor, 0n);
  if (merged.length < 2 || total !== 0n) throw new Error("a ledger transfer needs two or more legs that sum to zero");
  return merged;
}

function fingerprintOf(kind: string, legs: TransferLeg[]): string {
  const canonical = JSON.stringify([kind, legs.map((leg) => [leg.accountId, leg.amountMinor.toString()])]);
  return createHash("sha256").update(canonical).digest("hex");
}
