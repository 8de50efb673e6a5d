import { and, eq, isNull } from "drizzle-orm";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { pauseClockLocked } from "./pause-session-clock.ts";
import { publishSessionChange } from "./publish-session-change.ts";
import type { SessionRole } from "./session-view.ts";

/**
 * A party lost its connection without leaving (SPEC 19: a reload, a crashed tab, a network
 * drop): the session stays live for RECONNECT_GRACE_SECONDS from `at`, both pages show
 * "Reconnecting…", and a text session's clock pauses (a video clock pauses when the SFU sees
 * the provider's media stop reaching the customer). `at` is when the party was last heard.
 */
export async function recordPartyLost(ctx: AppContext, input: { sessionId: string; role: SessionRole; at: Date }) {
  const lostColumn = input.role === "customer" ? consultationSessions.customerLostAt : consultationSessions.providerLostAt;
  const change = await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .select()
      .from(consultationSessions)
      .where(and(eq(consultationSessions.id, input.sessionId), eq(consultationSessions.status, "live"), isNull(lostColumn)))
      .for("update");
    if (!row) return null;
    const [lost] = await tx
      .update(consultationSessions)
      .set(input.role === "customer" ? { customerLostAt: input.at } : { providerLostAt: input.at })
      .where(eq(consultationSessions.id, row.id))
      .returning();
    if (!lost) throw new Error("locked session vanished");
    return lost.medium === "text" ? pauseClockLocked(tx, ctx.config, lost, input.at) : { row: lost, charged: 0 };
  });
  if (change) await publishSessionChange(ctx, change);
  return change?.row ?? null;
}
