import { eq } from "drizzle-orm";
import { sessionReports } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { loadSessionFor } from "../sessions/session-view.ts";
import { reportableUntil, toPublicReport } from "./report-view.ts";

/** The session's report as its parties see it, and whether its customer may report it now. */
export async function getSessionReport(ctx: AppContext, input: { sessionId: string; userId: string }) {
  const { row: session, role } = await loadSessionFor(ctx.db, input.sessionId, input.userId);
  const [report] = await ctx.db.select().from(sessionReports).where(eq(sessionReports.sessionId, session.id));
  const until = session.status === "ended" ? reportableUntil(session.endedAt, ctx.config.sessionReportHours) : null;
  return {
    report: report ? toPublicReport(report) : null,
    reportableUntil: until?.toISOString() ?? null,
    canReport: role === "customer" && !report && until !== null && ctx.now().getTime() <= until.getTime(),
  };
}
