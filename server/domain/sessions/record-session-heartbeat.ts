import { and, eq } from "drizzle-orm";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { loadSessionFor, toSessionView } from "./session-view.ts";

/** The session page is open: the party is still there. Answers with the session's state. */
export async function recordSessionHeartbeat(ctx: AppContext, input: { sessionId: string; userId: string }) {
  const { role } = await loadSessionFor(ctx.db, input.sessionId, input.userId);
  const seen = role === "customer" ? { customerSeenAt: ctx.now() } : { providerSeenAt: ctx.now() };
  await ctx.db
    .update(consultationSessions)
    .set(seen)
    .where(and(eq(consultationSessions.id, input.sessionId), eq(consultationSessions.status, "live")));
  const { row } = await loadSessionFor(ctx.db, input.sessionId, input.userId);
  return { session: toSessionView(row, ctx.config), role };
}
