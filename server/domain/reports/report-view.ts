import type { sessionReports } from "../../../db/schema.ts";
import type { SessionReport } from "../../../contract/reports.ts";

export type SessionReportRow = typeof sessionReports.$inferSelect;

export function toPublicReport(row: SessionReportRow): SessionReport {
  return {
    id: row.id,
    sessionId: row.sessionId,
    orderId: row.orderId,
    customerId: row.customerId,
    providerId: row.providerId,
    reason: row.reason,
    text: row.text,
    status: row.status,
    decisionReason: row.decisionReason,
    refundedMinor: row.refundedMinor === null ? null : Number(row.refundedMinor),
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

/** Until when the customer may report a session (SPEC 17: 24 hours after it ends). */
export function reportableUntil(endedAt: Date | null, windowHours: number): Date | null {
  return endedAt ? new Date(endedAt.getTime() + windowHours * 3_600_000) : null;
}
