import { and, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { sessionRecordings } from "../../../db/schema.ts";
import type { RecordingState } from "../../../contract/recordings.ts";
import type { AppContext } from "../../context.ts";
import type { SessionRow } from "../sessions/session-view.ts";

export type RecordingRow = typeof sessionRecordings.$inferSelect;

/** The session's recording asked for or running, if any. */
export async function findOpenRecording(db: Executor, sessionId: string): Promise<RecordingRow | null> {
  const [row] = await db
    .select()
    .from(sessionRecordings)
    .where(and(eq(sessionRecordings.sessionId, sessionId), inArray(sessionRecordings.status, ["asked", "recording"])))
    .orderBy(desc(sessionRecordings.askedAt))
    .limit(1);
  return row ?? null;
}

export function toRecordingState(session: Pick<SessionRow, "id" | "customerId">, row: RecordingRow | null): RecordingState {
  if (!row || row.status === "stopped") return { sessionId: session.id, status: "none", askedByRole: null, startedAt: null };
  return {
    sessionId: session.id,
    status: row.status,
    askedByRole: row.askedBy === session.customerId ? "customer" : "provider",
    startedAt: row.startedAt?.toISOString() ?? null,
  };
}

/** Both parties' pages learn the recording's state (after commit, docs/architecture.md rule 6). */
export function announceRecording(ctx: AppContext, session: Pick<SessionRow, "customerId" | "providerId">, state: RecordingState) {
  ctx.live.toUser(session.customerId, "recording:updated", state);
  ctx.live.toUser(session.providerId, "recording:updated", state);
}
