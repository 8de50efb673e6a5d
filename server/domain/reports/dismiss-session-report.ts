import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";
import { claimOpenReport } from "./claim-open-report.ts";
import { toPublicReport } from "./report-view.ts";

/** SPEC 17: a moderator dismisses a report with a reason; no money moves, the earnings clear as usual. */
export async function dismissSessionReport(ctx: AppContext, input: { reportId: string; moderatorId: string; reason: string }) {
  const now = ctx.now();
  const result = await withTransaction(ctx.db, async (tx) => {
    const { report, title } = await claimOpenReport(tx, { ...input, status: "dismissed", now });
    const event = {
      kind: "session_report_decided",
      orderId: report.orderId,
      title,
      sessionId: report.sessionId,
      decision: "dismissed",
      reason: input.reason,
      refundedMinor: 0,
      currency: ctx.config.currency,
    } as const;
    return { report, notes: await storeNotifications(tx, [report.customerId, report.providerId], event, now) };
  });
  await announceNotifications(ctx, result.notes);
  return toPublicReport(result.report);
}
