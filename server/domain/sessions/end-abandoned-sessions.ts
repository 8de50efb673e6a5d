import { and, eq, isNull, lt, or } from "drizzle-orm";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { endSessionBySystem } from "./end-session-by-system.ts";
import { recordPartyLost } from "./record-party-lost.ts";

const BATCH = 200;

/**
 * The heartbeat loop (docs/architecture.md rule 7, SPEC 19). A party whose session page sent no
 * heartbeat for SESSION_PARTY_TIMEOUT_SECONDS is lost from its last heartbeat (a closed tab
 * or a network gone without a word); a party lost (by this loop, the SFU or its socket) for
 * longer than RECONNECT_GRACE_SECONDS ends the session at the instant it was lost: reason
 * connection_lost, or parties_gone when both were. Nothing is charged after that instant.
 */
export async function endAbandonedSessions(ctx: AppContext) {
  const now = ctx.now().getTime();
  const silentSince = new Date(now - ctx.config.billing.partyTimeoutSeconds * 1000);
  const silent = await ctx.db
    .select()
    .from(consultationSessions)
    .where(
      and(
        eq(consultationSessions.status, "live"),
        or(
          and(isNull(consultationSessions.customerLostAt), lt(consultationSessions.customerSeenAt, silentSince)),
          and(isNull(consultationSessions.providerLostAt), lt(consultationSessions.providerSeenAt, silentSince)),
        ),
      ),
    )
    .limit(BATCH);
  let lost = 0;
  for (const session of silent) {
    for (const role of ["customer", "provider"] as const) {
      const seenAt = role === "customer" ? session.customerSeenAt : session.providerSeenAt;
      const lostAt = role === "customer" ? session.customerLostAt : session.providerLostAt;
      if (lostAt || !seenAt || seenAt >= silentSince) continue;
      if (await recordPartyLost(ctx, { sessionId: session.id, role, at: seenAt })) lost += 1;
    }
  }

  const graceOver = new Date(now - ctx.config.billing.reconnectGraceSeconds * 1000);
  const gone = await ctx.db
    .select()
    .from(consultationSessions)
    .where(
      and(
        eq(consultationSessions.status, "live"),
        or(lt(consultationSessions.customerLostAt, graceOver), lt(consultationSessions.providerLostAt, graceOver)),
      ),
    )
    .limit(BATCH);
  let ended = 0;
  for (const session of gone) {
    const lostAt = [session.customerLostAt, session.providerLostAt].filter((at) => at !== null).map((at) => at.getTime());
    const endedAt = new Date(Math.min(...lostAt));
    const reason = lostAt.length === 2 ? "parties_gone" : "connection_lost";
    if (await endSessionBySystem(ctx, { sessionId: session.id, endedAt, reason })) ended += 1;
  }
  return { lost, ended };
}
