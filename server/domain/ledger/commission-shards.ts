import { eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { ledgerAccounts } from "../../../db/schema.ts";
import { type AccountOwner, ensureSystemAccount } from "./ledger-accounts.ts";

/**
 * The platform's commission is one balance kept in several rows (docs/decisions.md). Every
 * block charge of every session credits it, and a transfer holds the rows it moves locked
 * until it commits: with one row, all charges on the platform would take turns on it.
 * Spread over shards, unrelated charges rarely meet. Raising the count later is safe: a new
 * shard is created on first use and every reader sums all of them.
 */
export const COMMISSION_SHARDS = 16;

/**
 * The shard a money command credits, from its idempotency key, so that a replay of the
 * command names the same accounts (its fingerprint depends on them) in any process.
 */
export function commissionShardOf(idempotencyKey: string): number {
  return fnv1a(idempotencyKey) % COMMISSION_SHARDS;
}

export function commissionAccountOf(idempotencyKey: string): AccountOwner {
  return { systemCode: "commission", shard: commissionShardOf(idempotencyKey) };
}

/** The commission shard a money command with this key credits, created on first use. */
export function ensureCommissionAccount(db: Executor, idempotencyKey: string, currency: string): Promise<number> {
  return ensureSystemAccount(db, "commission", currency, commissionShardOf(idempotencyKey));
}

/** The platform's earnings: the sum of every commission shard. */
export async function readCommissionBalanceMinor(db: Executor): Promise<bigint> {
  const [row] = await db
    .select({ totalMinor: sql<string>`COALESCE(SUM(${ledgerAccounts.balanceMinor}), 0)::text` })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.kind, "commission"));
  return BigInt(row?.totalMinor ?? "0");
}

// 32-bit FNV-1a: stable across processes and releases, unlike anything seeded per process.
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
