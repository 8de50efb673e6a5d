import { eq } from "drizzle-orm";
import { orders, sessionReports } from "../../../db/schema.ts";
import type { SessionReportReason } from "../../../contract/reports.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";
import { loadSessionFor } from "../sessions/session-view.ts";
import { reportableUntil, toPublicReport } from "./report-view.ts";

/**
 * SPEC 17 "Report this session": the session's customer, within SESSION_REPORT_HOURS after
 * it ended, once per session (a unique index decides between two concurrent reports). The
 * session's earnings stop clearing while the report is open. Both parties are told.
 */
export async function reportSession(ctx: AppContext, input: { sessionId: string; userId: string; reason: SessionReportReason; text?: string }) {
  const now = ctx.now();
  const { row: session, role } = await loadSessionFor(ctx.db, input.sessionId, input.userId);
  if (role !== "customer") throw new AppError("forbidden", "Only the session's customer may report it.");
  if (session.status !== "ended" || !session.endedAt) throw new AppError("invalid_state", "A session can be reported once it has ended.");
  const until = reportableUntil(session.endedAt, ctx.config.sessionReportHours)!;
  if (now.getTime() > until.getTime()) {
    throw new AppError("invalid_state", `A session can be reported within ${ctx.config.sessionReportHours} hours after it ends.`, {
      details: { reportableUntil: until.toISOString() },
    });
  }
  if (input.reason === "other" && !input.text) throw new AppError("validation_failed", "Say what went wrong when the reason is \"other\".");

  const result = await withTransaction(ctx.db, async (tx) => {
    const [report] = await tx
      .insert(sessionReports)
      .values({
        sessionId: session.id,
        orderId: session.orderId,
        customerId: session.customerId,
        providerId: session.providerId,
        reason: input.reason,
        text: input.text ?? null,
        createdAt: now,
      })
      .onConflictDoNothing({ target: sessionReports.sessionId })
      .returning();
    if (!report) throw new AppError("conflict", "This session has already been reported.");
    const [order] = await tx.select({ title: orders.title }).from(orders).where(eq(orders.id, session.orderId));
    const event = { kind: "session_reported", orderId: session.orderId, title: order!.title, sessionId: session.id, reason: input.reason } as const;
    return { report, notes: await storeNotifications(tx, [session.customerId, session.providerId], event, now) };
  });
  await announceNotifications(ctx, result.notes);
  return toPublicReport(result.report);
}
