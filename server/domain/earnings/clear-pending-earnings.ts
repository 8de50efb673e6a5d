import { and, eq, lte, sql } from "drizzle-orm";
import { pendingEarnings } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { ensureAccounts, readUserBalanceMinor } from "../ledger/ledger-accounts.ts";
import { postTransfer } from "../ledger/post-transfer.ts";

const BATCH = 200;

/**
 * An earning waits while it may still be given back (docs/decisions.md): its session is
 * still live, its session is reported and the report is open, or its order has an open
 * dispute. Evaluated again by the guarded update, under the row's lock.
 */
const notFrozen = sql`
  NOT EXISTS (SELECT 1 FROM consultation_sessions s WHERE s.id = ${pendingEarnings.sessionId} AND s.status = 'live')
  AND NOT EXISTS (SELECT 1 FROM session_reports r WHERE r.session_id = ${pendingEarnings.sessionId} AND r.status = 'open')
  AND NOT EXISTS (SELECT 1 FROM disputes d WHERE d.order_id = ${pendingEarnings.orderId} AND d.status = 'open')`;

/**
 * SPEC 17 clearance: every pending earning whose `clearsAt` has passed moves from the
 * provider's pending earnings to their available balance. Each earning is its own
 * transaction: a guarded update (pending → cleared) and the transfer, keyed by the earning,
 * commit together. Two processes running this loop, or a run cut short by a restart, thus
 * move each earning exactly once: the second update finds the row no longer pending.
 */
export async function clearPendingEarnings(ctx: AppContext, now: Date = ctx.now()) {
  const due = await ctx.db
    .select({ id: pendingEarnings.id })
    .from(pendingEarnings)
    .where(and(eq(pendingEarnings.status, "pending"), lte(pendingEarnings.clearsAt, now), notFrozen))
    .orderBy(pendingEarnings.clearsAt)
    .limit(BATCH);
  const cleared: { id: string; userId: string }[] = [];
  for (const { id } of due) {
    const done = await withTransaction(ctx.db, async (tx) => {
      const [row] = await tx
        .update(pendingEarnings)
        .set({ status: "cleared", settledAt: now })
        .where(and(eq(pendingEarnings.id, id), eq(pendingEarnings.status, "pending"), lte(pendingEarnings.clearsAt, now), notFrozen))
        .returning();
      if (!row) return null;
      const [pending, available] = await ensureAccounts(tx, [{ pendingOf: row.userId }, { userId: row.userId }], ctx.config.currency);
      await postTransfer(tx, {
        idempotencyKey: `earning_cleared:${row.id}`,
        kind: "earnings_cleared",
        orderId: row.orderId,
        legs: [
          { accountId: pending!.id, amountMinor: -row.netMinor },
          { accountId: available!.id, amountMinor: row.netMinor },
        ],
      });
      return { id: row.id, userId: row.userId };
    });
    if (done) cleared.push(done);
  }
  // After commit (docs/architecture.md rule 6): the providers' wallets refresh.
  for (const userId of new Set(cleared.map((row) => row.userId))) {
    const balanceMinor = Number(await readUserBalanceMinor(ctx.db, userId));
    ctx.live.toUser(userId, "wallet:updated", { balanceMinor });
  }
  return { cleared: cleared.map((row) => row.id) };
}
