import { AppError } from "../../errors.ts";
import type { AppContext } from "../../context.ts";
import { loadSessionFor, type SessionRole } from "./session-view.ts";

/** Why a guarded update of a ringing call changed nothing, as the error to answer with. */
export async function explainRingingRefusal(ctx: AppContext, sessionId: string, userId: string, expected: SessionRole) {
  const { row, role } = await loadSessionFor(ctx.db, sessionId, userId);
  if (role !== expected) return new AppError("forbidden", `Only the call's ${expected} can do this.`);
  return new AppError("invalid_state", `The call is no longer ringing (it is ${row.status === "ringing" ? "missed" : row.status}).`, {
    details: { status: row.status },
  });
}
