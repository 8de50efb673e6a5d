import { and, eq, isNotNull } from "drizzle-orm";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { publishSessionChange } from "./publish-session-change.ts";
import { resumeClockLocked } from "./resume-session-clock.ts";
import type { SessionRole } from "./session-view.ts";

/**
 * A lost party is back within the grace (its session page beat again, or its new peer
 * connected to the same media room): the session goes on. A text session's clock resumes
 * once both parties are back; a video clock resumes with the provider's media.
 */
export async function recordPartyBack(ctx: AppContext, input: { sessionId: string; role: SessionRole; at: Date }) {
  const lostColumn = input.role === "customer" ? consultationSessions.customerLostAt : consultationSessions.providerLostAt;
  const change = await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .select()
      .from(consultationSessions)
      .where(and(eq(consultationSessions.id, input.sessionId), eq(consultationSessions.status, "live"), isNotNull(lostColumn)))
      .for("update");
    if (!row) return null;
    const [back] = await tx
      .update(consultationSessions)
      .set(input.role === "customer" ? { customerLostAt: null } : { providerLostAt: null })
      .where(eq(consultationSessions.id, row.id))
      .returning();
    if (!back) throw new Error("locked session vanished");
    const bothHere = !back.customerLostAt && !back.providerLostAt;
    return back.medium === "text" && bothHere ? resumeClockLocked(tx, ctx.config, back, input.at) : { row: back, charged: 0 };
  });
  if (change) await publishSessionChange(ctx, change);
  return change?.row ?? null;
}
