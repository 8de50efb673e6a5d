import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { loadSessionFor } from "./session-view.ts";

/**
 * A party's browser joins the session's media room with its offer. Only the two parties
 * of a live video session get in; the media server checks the signed token it is given.
 */
export async function joinMediaRoom(ctx: AppContext, input: { sessionId: string; userId: string; offerSdp: string }) {
  const { row, role } = await loadSessionFor(ctx.db, input.sessionId, input.userId);
  if (row.medium !== "video") throw new AppError("invalid_state", "This is a text session: it has no media.");
  if (row.status !== "live") throw new AppError("invalid_state", `The session is not live (it is ${row.status}).`);
  return ctx.media.join({ roomId: row.id, userId: input.userId, role, offerSdp: input.offerSdp });
}
