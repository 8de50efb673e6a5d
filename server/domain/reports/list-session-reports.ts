import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import { consultationSessions, orders, sessionReports } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import type { ModerationReport } from "../../../contract/reports.ts";
import { assembleEvidencePacks } from "./assemble-evidence-pack.ts";
import { toPublicReport } from "./report-view.ts";

const SHOWN = 100;

/** SPEC 17: the moderators' queue of session reports, open first (oldest first), each with its evidence pack. */
export async function listSessionReports(ctx: AppContext, input: { status?: "open" | "upheld" | "dismissed" }): Promise<{ items: ModerationReport[] }> {
  const rows = await ctx.db
    .select({ report: sessionReports, title: orders.title })
    .from(sessionReports)
    .innerJoin(orders, eq(orders.id, sessionReports.orderId))
    .where(input.status ? eq(sessionReports.status, input.status) : undefined)
    .orderBy(sql`${sessionReports.status} = 'open' DESC`, asc(sessionReports.createdAt), desc(sessionReports.id))
    .limit(SHOWN);
  if (rows.length === 0) return { items: [] };
  const sessions = await ctx.db
    .select()
    .from(consultationSessions)
    .where(inArray(consultationSessions.id, rows.map((row) => row.report.sessionId)));
  const packs = await assembleEvidencePacks(ctx.db, sessions);
  return {
    items: rows.map((row) => ({
      ...toPublicReport(row.report),
      title: row.title,
      evidence: packs.find((pack) => pack.sessionId === row.report.sessionId)!,
    })),
  };
}
