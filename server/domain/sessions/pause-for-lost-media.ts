import { and, eq, isNotNull } from "drizzle-orm";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { pauseClockLocked } from "./pause-session-clock.ts";
import { publishSessionChange } from "./publish-session-change.ts";

/**
 * The SFU node carrying a video session's room died (SPEC 19, Scale): nobody is left to report
 * the media stopping, so the clock pauses from the node's last lease, the last time it saw the
 * provider's media reach the customer. Nothing after that is charged; a block charged past it
 * is given back. The pages rejoin on a live node, and the media flowing there resumes the clock.
 */
export async function pauseForLostMedia(ctx: AppContext, input: { sessionId: string }) {
  const change = await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .select()
      .from(consultationSessions)
      .where(and(eq(consultationSessions.id, input.sessionId), eq(consultationSessions.status, "live"), isNotNull(consultationSessions.clockStartedAt)))
      .for("update");
    if (!row || row.medium !== "video") return null;
    const lastLease = row.mediaSeenAt ?? row.clockStartedAt!;
    const result = await pauseClockLocked(tx, ctx.config, row, lastLease);
    return result.row === row ? null : result;
  });
  if (change) await publishSessionChange(ctx, change);
  return change?.row ?? null;
}
