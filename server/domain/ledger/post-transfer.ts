import { createHash } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from "../../../db/schema.ts";
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

// Accounts that belong to people or orders may never go below zero (SPEC 4); the database
// refuses it too, this check only turns the refusal into a clear error.
const NON_NEGATIVE_KINDS = new Set(["user", "order_hold"]);

/**
 * Posts one balanced double-entry transaction inside the caller's database transaction,
 * so it commits or rolls back together with the state change it pays for.
 *
 * Order matters for PostgreSQL: claim the idempotency key, then lock the accounts in one
 * fixed order (FOR NO KEY UPDATE, so the entries' foreign keys do not conflict with the
 * lock), then write. A fixed lock order means two transfers can never deadlock each other.
 */
export async function postTransfer(tx: Transaction, command: TransferCommand): Promise<TransferResult> {
  const legs = mergeLegs(command.legs);
  const fingerprint = fingerprintOf(command.kind, legs);

  const [claimed] = await tx
    .insert(ledgerTransactions)
    .values({
      idempotencyKey: command.idempotencyKey,
      fingerprint,
      kind: command.kind,
      memo: command.memo ?? null,
      orderId: command.orderId ?? null,
    })
    .onConflictDoNothing({ target: ledgerTransactions.idempotencyKey })
    .returning({ id: ledgerTransactions.id });

  if (!claimed) {
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

  const accountIds = legs.map((leg) => leg.accountId);
  // One total order for every transfer: people's accounts by id, then the shared system
  // accounts by id. Fixed order means no deadlocks; shared accounts last means the hot
  // commission row is held for the shortest time.
  const locked = await tx
    .select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind, balanceMinor: ledgerAccounts.balanceMinor })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.id, accountIds))
    .orderBy(sql`${ledgerAccounts.systemCode} IS NOT NULL`, ledgerAccounts.id)
    .for("no key update");
  if (locked.length !== accountIds.length) throw new Error("a ledger account in the transfer does not exist");

  for (const account of locked) {
    const leg = legs.find((l) => l.accountId === account.id)!;
    const after = account.balanceMinor + leg.amountMinor;
    if (NON_NEGATIVE_KINDS.has(account.kind) && after < 0n) {
      throw new AppError("insufficient_funds", "The balance is too low for this payment.", {
        details: { shortfallMinor: Number(-after) },
      });
    }
  }

  const deltas = sql.join(
    legs.map((leg) => sql`(${leg.accountId}::bigint, ${leg.amountMinor.toString()}::bigint)`),
    sql`, `,
  );
  await tx.execute(sql`
    UPDATE ledger_accounts AS a SET balance_minor = a.balance_minor + v.delta
    FROM (VALUES ${deltas}) AS v(id, delta) WHERE a.id = v.id`);
  await tx
    .insert(ledgerEntries)
    .values(legs.map((leg) => ({ transactionId: claimed.id, accountId: leg.accountId, amountMinor: leg.amountMinor })));

  return { transactionId: claimed.id, replayed: false };
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
