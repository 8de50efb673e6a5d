import fsp from "node:fs/promises";
import type { Room } from "../room-state.ts";
import type { RecordedTrack, RoomRecording } from "./room-recording.ts";

/** Starts the room's recording unless one runs already (asking twice records once). */
export async function startRoomRecording(room: Room, create: () => RoomRecording, directory: string): Promise<void> {
  if (room.recording !== undefined) return;
  await fsp.mkdir(directory, { recursive: true });
  if (room.recording === undefined && !room.closed) room.recording = create();
}

/**
 * A room that closes while recorded finishes its files and reports them, since nobody is
 * waiting for a stopRecording answer then.
 */
export async function finishRecording(
  room: Room,
  now: () => Date,
  emit: (event: { type: "recording-finished"; roomId: string; at: Date; tracks: RecordedTrack[] }) => void,
): Promise<void> {
  const recording = room.recording;
  if (recording === undefined) return;
  room.recording = undefined;
  const tracks = await recording.stop();
  emit({ type: "recording-finished", roomId: room.id, at: now(), tracks });
}
