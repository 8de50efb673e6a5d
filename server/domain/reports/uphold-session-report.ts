import { eq } from "drizzle-orm";
import { sessionReports } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { reverseSessionEarnings, sumEarnings } from "../earnings/pending-earnings.ts";
import { commissionAccountOf } from "../ledger/commission-shards.ts";
import { ensureAccounts, readUserBalanceMinor } from "../ledger/ledger-accounts.ts";
import { postTransfer } from "../ledger/post-transfer.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";
import { claimOpenReport } from "./claim-open-report.ts";
import { toPublicReport } from "./report-view.ts";

/**
 * SPEC 17: a moderator upholds a report. Every block of the session still in the provider's
 * pending earnings (all of them: an open report keeps them from clearing) goes back to the
 * customer: the provider's pending earnings give back the net and the platform's commission
 * its part, in one ledger transaction with the report's transition, keyed by the report.
 */
export async function upholdSessionReport(ctx: AppContext, input: { reportId: string; moderatorId: string; reason: string }) {
  const now = ctx.now();
  const result = await withTransaction(ctx.db, async (tx) => {
    const { report, title } = await claimOpenReport(tx, { ...input, status: "upheld", now });
    const back = sumEarnings(await reverseSessionEarnings(tx, report.sessionId, now));
    if (back.grossMinor > 0n) {
      const idempotencyKey = `session_report_refund:${report.id}`;
      const [customer, pending, commission] = await ensureAccounts(
        tx,
        [{ userId: report.customerId }, { pendingOf: report.providerId }, commissionAccountOf(idempotencyKey)],
        ctx.config.currency,
      );
      await postTransfer(tx, {
        idempotencyKey,
        kind: "session_report_refund",
        memo: input.reason,
        orderId: report.orderId,
        legs: [
          { accountId: customer!.id, amountMinor: back.grossMinor },
          { accountId: pending!.id, amountMinor: -back.netMinor },
          { accountId: commission!.id, amountMinor: -back.commissionMinor },
        ],
      });
    }
    const [updated] = await tx.update(sessionReports).set({ refundedMinor: back.grossMinor }).where(eq(sessionReports.id, report.id)).returning();
    const event = {
      kind: "session_report_decided",
      orderId: report.orderId,
      title,
      sessionId: report.sessionId,
      decision: "upheld",
      reason: input.reason,
      refundedMinor: Number(back.grossMinor),
      currency: ctx.config.currency,
    } as const;
    return { report: updated!, notes: await storeNotifications(tx, [report.customerId, report.providerId], event, now) };
  });
  await announceNotifications(ctx, result.notes);
  for (const userId of [result.report.customerId, result.report.providerId]) {
    ctx.live.toUser(userId, "wallet:updated", { balanceMinor: Number(await readUserBalanceMinor(ctx.db, userId)) });
  }
  return toPublicReport(result.report);
}
