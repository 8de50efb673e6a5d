import { and, asc, eq, isNotNull, lte, or, isNull, lt } from "drizzle-orm";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { readUserBalanceMinor } from "../ledger/ledger-accounts.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { advanceSession } from "./advance-session.ts";
import { lowBalanceWarningDueAt } from "../packages/package-warning.ts";
import { publishSessionChange } from "./publish-session-change.ts";

const BATCH = 200;

/**
 * The metering loop (docs/architecture.md rules 4 and 8): charges every block that fell due, from
 * the state in the database, so a restarted process or a second one continues without a
 * double or a gap; then warns customers whose balance will not pay the next block.
 */
export async function meterLiveSessions(ctx: AppContext) {
  const now = ctx.now();
  const due = await ctx.db
    .select({ id: consultationSessions.id })
    .from(consultationSessions)
    .where(and(eq(consultationSessions.status, "live"), lte(consultationSessions.nextChargeAt, now)))
    .orderBy(asc(consultationSessions.nextChargeAt))
    .limit(BATCH);
  let charged = 0;
  let cutOff = 0;
  for (const { id } of due) {
    const change = await withTransaction(ctx.db, (tx) => advanceSession(tx, ctx.config, id, now, { skipLocked: true }));
    if (!change) continue;
    charged += change.charged;
    if (change.cutOff) cutOff += 1;
    await publishSessionChange(ctx, change);
  }
  const warned = await warnLowBalances(ctx, now);
  return { charged, cutOff, warned };
}

/**
 * SPEC 5: LOW_BALANCE_WARNING_SECONDS before a boundary the customer cannot pay, the
 * customer is warned (once per block) and may top up without leaving the session.
 */
async function warnLowBalances(ctx: AppContext, now: Date) {
  const warning = { ...ctx.config.billing, warningSeconds: ctx.config.billing.lowBalanceWarningSeconds };
  // A coarse, index-friendly bound on the rows to look at; whether a warning is due is
  // decided by the one rule, lowBalanceWarningAt, below.
  const horizon = new Date(now.getTime() + warning.warningSeconds * 1000);
  const upcoming = await ctx.db
    .select()
    .from(consultationSessions)
    .where(
      and(
        eq(consultationSessions.status, "live"),
        isNotNull(consultationSessions.clockStartedAt),
        lte(consultationSessions.nextChargeAt, horizon),
        or(isNull(consultationSessions.warnedForBlock), lt(consultationSessions.warnedForBlock, consultationSessions.blocksCharged)),
      ),
    )
    .limit(BATCH);
  let warned = 0;
  for (const session of upcoming) {
    // SPEC 18: a session on a minute package is warned before the package runs out.
    const warnAt = await lowBalanceWarningDueAt(ctx.db, session, warning);
    if (!warnAt || warnAt.getTime() > now.getTime()) continue;
    const balanceMinor = await readUserBalanceMinor(ctx.db, session.customerId);
    if (balanceMinor >= session.blockPriceMinor || !session.nextChargeAt) continue;
    const [claimed] = await ctx.db
      .update(consultationSessions)
      .set({ warnedForBlock: session.blocksCharged })
      .where(
        and(
          eq(consultationSessions.id, session.id),
          eq(consultationSessions.blocksCharged, session.blocksCharged),
          or(isNull(consultationSessions.warnedForBlock), lt(consultationSessions.warnedForBlock, session.blocksCharged)),
        ),
      )
      .returning({ id: consultationSessions.id });
    if (!claimed) continue;
    warned += 1;
    ctx.live.toUser(session.customerId, "session:low-balance", {
      sessionId: session.id,
      boundaryAt: new Date(session.nextChargeAt.getTime() - 1).toISOString(),
      blockPriceMinor: Number(session.blockPriceMinor),
      balanceMinor: Number(balanceMinor),
    });
  }
  return warned;
}
