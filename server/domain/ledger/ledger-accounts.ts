import { and, eq, inArray, or, type SQL } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { ledgerAccounts, type LedgerAccountKind } from "../../../db/schema.ts";

export type SystemAccountCode = "commission" | "payment_clearing" | "payout_pending" | "payout_clearing";

/**
 * Who an account belongs to: a user (their balance, which for a provider is what is
 * available), a provider's pending earnings (SPEC 17), an order (its hold), an appointment
 * (its hold, SPEC 16), or the platform (a system code and shard).
 */
export type AccountOwner =
  | { userId: string }
  | { pendingOf: string }
  | { orderId: string }
  | { appointmentId: string }
  | { systemCode: SystemAccountCode; shard?: number };

export type OwnedAccount = { id: number; balanceMinor: bigint };

/** The user's one account (SPEC 4), created on first use. */
export async function ensureUserAccount(db: Executor, userId: string, currency: string): Promise<number> {
  return (await ensureOwnedAccount(db, { userId }, currency)).id;
}

/** A provider's pending earnings (SPEC 17): credited by every sale, cleared to the user account later. */
export async function ensurePendingEarningsAccount(db: Executor, userId: string, currency: string): Promise<number> {
  return (await ensureOwnedAccount(db, { pendingOf: userId }, currency)).id;
}

/** An order's hold (escrow): money the customer paid that belongs to nobody yet. */
export async function ensureOrderHoldAccount(db: Executor, orderId: string, currency: string): Promise<number> {
  return (await ensureOwnedAccount(db, { orderId }, currency)).id;
}

/** An appointment's hold (SPEC 16): the booked price, owned by nobody until paid out or refunded. */
export async function ensureAppointmentHoldAccount(db: Executor, appointmentId: string, currency: string): Promise<number> {
  return (await ensureOwnedAccount(db, { appointmentId }, currency)).id;
}

export async function readAppointmentHeldMinor(db: Executor, appointmentId: string): Promise<bigint> {
  const [row] = await db
    .select({ balanceMinor: ledgerAccounts.balanceMinor })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.appointmentId, appointmentId), eq(ledgerAccounts.kind, "appointment_hold")));
  return row?.balanceMinor ?? 0n;
}

/** Platform-wide accounts: commission (one of its shards), payment-provider clearing, payouts. */
export async function ensureSystemAccount(db: Executor, code: SystemAccountCode, currency: string, shard = 0): Promise<number> {
  return (await ensureOwnedAccount(db, { systemCode: code, shard }, currency)).id;
}

/**
 * Several owners' accounts in one round trip, in the order asked, with their balances as
 * last committed (not locked: a transfer checks them again under its locks). Accounts that
 * do not exist yet are created, as the ensure functions do.
 */
export async function ensureAccounts(db: Executor, owners: AccountOwner[], currency: string): Promise<OwnedAccount[]> {
  const found = await findAccounts(db, owners);
  if (found.every(Boolean)) return found as OwnedAccount[];
  for (const [index, owner] of owners.entries()) {
    if (!found[index]) await ensureOwnedAccount(db, owner, currency);
  }
  const created = await findAccounts(db, owners);
  if (!created.every(Boolean)) throw new Error("a ledger account vanished after it was created");
  return created as OwnedAccount[];
}

/** SPEC 17: a provider's earnings that have not cleared yet. */
export async function readPendingEarningsMinor(db: Executor, userId: string): Promise<bigint> {
  const [row] = await db
    .select({ balanceMinor: ledgerAccounts.balanceMinor })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.userId, userId), eq(ledgerAccounts.kind, "earnings_pending")));
  return row?.balanceMinor ?? 0n;
}

export async function readUserBalanceMinor(db: Executor, userId: string): Promise<bigint> {
  const [row] = await db
    .select({ balanceMinor: ledgerAccounts.balanceMinor })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.userId, userId), eq(ledgerAccounts.kind, "user")));
  return row?.balanceMinor ?? 0n;
}

// Looked up before inserting: accounts exist nearly always, and a lookup is one statement
// where insert-then-select was two (and burned an identity value on every call).
async function ensureOwnedAccount(db: Executor, owner: AccountOwner, currency: string): Promise<OwnedAccount> {
  const [existing] = await findAccounts(db, [owner]);
  if (existing) return existing;
  await db.insert(ledgerAccounts).values(newAccountOf(owner, currency)).onConflictDoNothing();
  // Another transaction may have created it first; either way it exists now.
  const [row] = await findAccounts(db, [owner]);
  if (!row) throw new Error(`ledger account ${JSON.stringify(owner)} is missing`);
  return row;
}

async function findAccounts(db: Executor, owners: AccountOwner[]): Promise<(OwnedAccount | undefined)[]> {
  const userIds = owners.flatMap((owner) => ("userId" in owner ? [owner.userId] : []));
  const orderIds = owners.flatMap((owner) => ("orderId" in owner ? [owner.orderId] : []));
  const appointmentIds = owners.flatMap((owner) => ("appointmentId" in owner ? [owner.appointmentId] : []));
  const pendingIds = owners.flatMap((owner) => ("pendingOf" in owner ? [owner.pendingOf] : []));
  const conditions: SQL[] = owners.flatMap((owner) =>
    "systemCode" in owner ? [and(eq(ledgerAccounts.systemCode, owner.systemCode), eq(ledgerAccounts.shard, owner.shard ?? 0))!] : [],
  );
  const systemCount = conditions.length;
  if (userIds.length > 0) conditions.push(and(inArray(ledgerAccounts.userId, userIds), eq(ledgerAccounts.kind, "user"))!);
  if (orderIds.length > 0) conditions.push(and(inArray(ledgerAccounts.orderId, orderIds), eq(ledgerAccounts.kind, "order_hold"))!);
  if (appointmentIds.length > 0) {
    conditions.push(and(inArray(ledgerAccounts.appointmentId, appointmentIds), eq(ledgerAccounts.kind, "appointment_hold"))!);
  }
  if (pendingIds.length > 0) conditions.push(and(inArray(ledgerAccounts.userId, pendingIds), eq(ledgerAccounts.kind, "earnings_pending"))!);
  const rows = await db
    .select({
      id: ledgerAccounts.id,
      userId: ledgerAccounts.userId,
      orderId: ledgerAccounts.orderId,
      appointmentId: ledgerAccounts.appointmentId,
      kind: ledgerAccounts.kind,
      systemCode: ledgerAccounts.systemCode,
      shard: ledgerAccounts.shard,
      balanceMinor: ledgerAccounts.balanceMinor,
    })
    .from(ledgerAccounts)
    .where(or(...conditions))
    // Prepared: a block charge looks up its accounts every time. The text depends only on
    // how many owners of each sort are asked for, hence the name.
    .prepare(`ledger_find_accounts_${systemCount}_${userIds.length}_${orderIds.length}_${appointmentIds.length}_${pendingIds.length}`)
    .execute();
  return owners.map((owner) => {
    const row = rows.find((r) =>
      "userId" in owner
        ? r.userId === owner.userId && r.kind === "user"
        : "pendingOf" in owner
          ? r.userId === owner.pendingOf && r.kind === "earnings_pending"
          : "orderId" in owner
          ? r.orderId === owner.orderId
          : "appointmentId" in owner
            ? r.appointmentId === owner.appointmentId
            : r.systemCode === owner.systemCode && r.shard === (owner.shard ?? 0),
    );
    return row && { id: row.id, balanceMinor: row.balanceMinor };
  });
}

function newAccountOf(owner: AccountOwner, currency: string) {
  if ("userId" in owner) return { kind: "user" as const, userId: owner.userId, currency };
  if ("pendingOf" in owner) return { kind: "earnings_pending" as const, userId: owner.pendingOf, currency };
  if ("orderId" in owner) return { kind: "order_hold" as const, orderId: owner.orderId, currency };
  if ("appointmentId" in owner) return { kind: "appointment_hold" as const, appointmentId: owner.appointmentId, currency };
  const kind: LedgerAccountKind = owner.systemCode;
  return { kind, systemCode: owner.systemCode, shard: owner.shard ?? 0, currency };
}
