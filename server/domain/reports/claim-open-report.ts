import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { orders, sessionReports } from "../../../db/schema.ts";
import { AppError } from "../../errors.ts";

/**
 * The guarded transition open → upheld or dismissed (docs/architecture.md rule 3): of two
 * moderators deciding at once, exactly one gets the row; the other gets invalid_state.
 */
export async function claimOpenReport(
  tx: Transaction,
  input: { reportId: string; moderatorId: string; status: "upheld" | "dismissed"; reason: string; now: Date },
) {
  const [existing] = await tx.select().from(sessionReports).where(eq(sessionReports.id, input.reportId));
  if (!existing) throw new AppError("not_found", "There is no such report.");
  if (existing.customerId === input.moderatorId || existing.providerId === input.moderatorId) {
    throw new AppError("forbidden", "A moderator cannot decide a report on their own session.");
  }
  const [report] = await tx
    .update(sessionReports)
    .set({ status: input.status, decisionReason: input.reason, decidedBy: input.moderatorId, decidedAt: input.now })
    .where(and(eq(sessionReports.id, input.reportId), eq(sessionReports.status, "open")))
    .returning();
  if (!report) throw new AppError("invalid_state", "This report has already been decided.");
  const [order] = await tx.select({ title: orders.title }).from(orders).where(eq(orders.id, report.orderId));
  return { report, title: order!.title };
}
