import { and, desc, eq, inArray, isNotNull, or } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { pendingEarnings } from "../../../db/schema.ts";

export type PendingEarningRow = typeof pendingEarnings.$inferSelect;

export type EarningCredit = {
  userId: string;
  /** Null only for an appointment's payout made without a call (then `appointmentId` is set). */
  orderId: string | null;
  /** SPEC 16: the appointment whose hold paid it. */
  appointmentId?: string | null;
  sessionId?: string | null;
  blockIndex?: number | null;
  /** The idempotency key of the transfer that credits the provider's pending earnings. */
  sourceKey: string;
  grossMinor: bigint;
  commissionMinor: bigint;
  netMinor: bigint;
  /** When the money was earned; it clears `clearanceHours` later. */
  earnedAt: Date;
};

/**
 * SPEC 17: records an amount the caller's transfer credited to the provider's pending
 * earnings, in the same transaction, with the instant it clears. A replayed transfer (same
 * key) records nothing again. Nothing is recorded for a zero net (all commission).
 */
export async function recordPendingEarning(tx: Transaction, clearanceHours: number, credit: EarningCredit) {
  if (credit.netMinor <= 0n) return;
  await tx
    .insert(pendingEarnings)
    .values({
      userId: credit.userId,
      orderId: credit.orderId,
      appointmentId: credit.appointmentId ?? null,
      sessionId: credit.sessionId ?? null,
      blockIndex: credit.blockIndex ?? null,
      sourceKey: credit.sourceKey,
      grossMinor: credit.grossMinor,
      commissionMinor: credit.commissionMinor,
      netMinor: credit.netMinor,
      clearsAt: new Date(credit.earnedAt.getTime() + clearanceHours * 3_600_000),
    })
    .onConflictDoNothing({ target: pendingEarnings.sourceKey });
}

/**
 * The pending row of one session block, locked, and marked reversed (the caller's transfer
 * takes its amount out of pending earnings). Null when the block's earning already cleared.
 */
export async function reverseBlockEarning(tx: Transaction, sessionId: string, blockIndex: number, now: Date) {
  const [row] = await tx
    .update(pendingEarnings)
    .set({ status: "reversed", settledAt: now })
    .where(and(eq(pendingEarnings.sessionId, sessionId), eq(pendingEarnings.blockIndex, blockIndex), eq(pendingEarnings.status, "pending")))
    .returning();
  return row ?? null;
}

/**
 * Every still-pending block earning of a session, and the release of an appointment's hold at
 * the session's end (SPEC 16), marked reversed; the caller moves their sum. Minutes drawn from
 * a package (no block index, no appointment) are never given back (docs/decisions.md).
 */
export async function reverseSessionEarnings(tx: Transaction, sessionId: string, now: Date) {
  return tx
    .update(pendingEarnings)
    .set({ status: "reversed", settledAt: now })
    .where(
      and(
        eq(pendingEarnings.sessionId, sessionId),
        or(isNotNull(pendingEarnings.blockIndex), isNotNull(pendingEarnings.appointmentId)),
        eq(pendingEarnings.status, "pending"),
      ),
    )
    .returning();
}

/** The still-pending earnings of an order's sessions (SPEC 17: what a consultation dispute may return). */
export async function listOrderSessionEarnings(tx: Transaction, orderId: string, statuses: PendingEarningRow["status"][] = ["pending"]) {
  return tx
    .select()
    .from(pendingEarnings)
    .where(and(eq(pendingEarnings.orderId, orderId), inArray(pendingEarnings.status, statuses)))
    .orderBy(desc(pendingEarnings.createdAt));
}

export function sumEarnings(rows: Pick<PendingEarningRow, "grossMinor" | "commissionMinor" | "netMinor">[]) {
  return rows.reduce(
    (sum, row) => ({
      grossMinor: sum.grossMinor + row.grossMinor,
      commissionMinor: sum.commissionMinor + row.commissionMinor,
      netMinor: sum.netMinor + row.netMinor,
    }),
    { grossMinor: 0n, commissionMinor: 0n, netMinor: 0n },
  );
}
