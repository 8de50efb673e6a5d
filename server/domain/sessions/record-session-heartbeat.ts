import { and, eq } from "drizzle-orm";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { recordPartyBack } from "./record-party-back.ts";
import { loadSessionFor, toSessionView } from "./session-view.ts";

/** The session page is open: the party is still there. Answers with the session's state. */
export async function recordSessionHeartbeat(ctx: AppContext, input: { sessionId: string; userId: string }) {
  const { row: loaded, role } = await loadSessionFor(ctx.db, input.sessionId, input.userId);
  const seen = role === "customer" ? { customerSeenAt: ctx.now() } : { providerSeenAt: ctx.now() };
  // A live session answers with the updated row; an ended one with the row already read.
  const [updated] = await ctx.db
    .update(consultationSessions)
    .set(seen)
    .where(and(eq(consultationSessions.id, input.sessionId), eq(consultationSessions.status, "live")))
    .returning();
  // A text page beating again after its party was lost (a reload, a network back) is the party
  // back; a video party is back when its new peer connects to the media room (the SFU says so).
  const lostAt = updated?.medium === "text" && (role === "customer" ? updated.customerLostAt : updated.providerLostAt);
  if (lostAt) {
    const back = await recordPartyBack(ctx, { sessionId: input.sessionId, role, at: ctx.now() });
    if (back) return { session: toSessionView(back, ctx.config), role };
  }
  return { session: toSessionView(updated ?? loaded, ctx.config), role };
}
