import type { SessionEndReason } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { finishSession } from "./finish-session.ts";
import { publishSessionChange } from "./publish-session-change.ts";

/**
 * The platform ends a session nobody ended: its parties vanished, or its media stopped.
 * `endedAt` is when the session really stopped, not when we noticed, so dead air is
 * never charged.
 */
export async function endSessionBySystem(ctx: AppContext, input: { sessionId: string; endedAt: Date; reason: SessionEndReason }) {
  const change = await withTransaction(ctx.db, (tx) =>
    finishSession(tx, ctx.config, { sessionId: input.sessionId, ending: { endedAt: input.endedAt, endedBy: "system" }, reason: input.reason }),
  );
  if (change) await publishSessionChange(ctx, change);
  return change?.row ?? null;
}
