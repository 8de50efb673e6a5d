import type { AppContext } from "../../context.ts";

export type RecordedTrackFile = { path: string; role: "provider" | "customer"; kind: "audio" | "video"; contentType: string; startedAtMs: number; endedAtMs: number; durationMs: number; sizeBytes: number };

/** Placeholder replaced below. */
export async function storeRecordedTracks(_ctx: AppContext, _input: { sessionId: string; tracks: RecordedTrackFile[] }) {}
