import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { finishSession } from "./finish-session.ts";
import { publishSessionChange } from "./publish-session-change.ts";
import { loadSessionFor, toSessionView } from "./session-view.ts";

/**
 * Either party ends the session at any moment (SPEC 5); the current block is not refunded.
 * The customer ending a first session inside the void window makes it void.
 */
export async function endSession(ctx: AppContext, input: { sessionId: string; userId: string }) {
  const change = await withTransaction(ctx.db, (tx) =>
    finishSession(tx, ctx.config, { sessionId: input.sessionId, endedAt: ctx.now(), byParty: input.userId }),
  );
  if (!change) {
    // Not live (or no such session): strangers get the 404, parties learn the state.
    const { row } = await loadSessionFor(ctx.db, input.sessionId, input.userId);
    throw new AppError("invalid_state", `The session is not live (it is ${row.status}).`, { details: { status: row.status } });
  }
  await publishSessionChange(ctx, change);
  return toSessionView(change.row, ctx.config);
}
