import { and, eq, lt, or } from "drizzle-orm";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { lastHeardTogether } from "./advance-session.ts";
import { endSessionBySystem } from "./end-session-by-system.ts";

/**
 * The heartbeat loop (docs/architecture.md rule 7): a live session whose party stopped sending
 * heartbeats (closed tab, lost network, both gone) ends when the two were last heard
 * together and is settled. Session pages beat every 10 s; with the default 40 s timeout
 * and a 1 s loop a vanished session ends within 41 s, inside SPEC's minute.
 */
export async function endAbandonedSessions(ctx: AppContext) {
  const cutoff = new Date(ctx.now().getTime() - ctx.config.billing.partyTimeoutSeconds * 1000);
  const abandoned = await ctx.db
    .select()
    .from(consultationSessions)
    .where(
      and(
        eq(consultationSessions.status, "live"),
        or(lt(consultationSessions.customerSeenAt, cutoff), lt(consultationSessions.providerSeenAt, cutoff)),
      ),
    )
    .limit(200);
  let ended = 0;
  for (const session of abandoned) {
    const heard = lastHeardTogether(session) ?? session.answeredAt ?? ctx.now();
    const endedAt = new Date(Math.max(heard.getTime(), session.clockStartedAt?.getTime() ?? 0));
    if (await endSessionBySystem(ctx, { sessionId: session.id, endedAt, reason: "parties_gone" })) ended += 1;
  }
  return { ended };
}
