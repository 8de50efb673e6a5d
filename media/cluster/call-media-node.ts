import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { MediaError, type MediaErrorCode } from "../media-error.ts";
import type { RecordedTrack } from "../recording/room-recording.ts";
import { signControlRequest } from "./control-signature.ts";
import type { NodeControl, NodeErrorBody, NodeRecordedTrack } from "./media-node-wire.ts";

// As the worker pool's: ICE gathering with a slow TURN server is the longest step of a join.
const REQUEST_TIMEOUT_MS = 60_000;
const mediaErrorCodes = new Set<string>(["invalid_token", "role_taken", "room_closed", "invalid_offer", "no_media_node"]);

/** Sends one signed control request to a node; a MediaError it answers is thrown as one. */
export async function callMediaNode<P extends keyof NodeControl>(
  node: { controlUrl: string; secretKey: string },
  requestPath: P,
  body: NodeControl[P]["body"],
): Promise<NodeControl[P]["reply"]> {
  const text = JSON.stringify(body);
  const response = await fetch(new URL(requestPath, node.controlUrl), {
    method: "POST",
    headers: { "content-type": "application/json", "x-media-signature": signControlRequest({ secretKey: node.secretKey, method: "POST", path: requestPath, body: text, nowMs: Date.now() }) },
    body: text,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const answer = (await response.json().catch(() => null)) as NodeControl[P]["reply"] | NodeErrorBody | null;
  if (response.ok && answer) return answer as NodeControl[P]["reply"];
  const error = answer && "error" in answer ? answer.error : { code: "internal", message: `HTTP ${response.status}` };
  if (mediaErrorCodes.has(error.code)) throw new MediaError(error.code as MediaErrorCode, error.message);
  throw new Error(`the media node refused ${requestPath}: ${error.message}`);
}

/**
 * Copies a node's recorded files into `directory` on this machine and deletes them on the node:
 * the app process moves recordings into the shared storage, wherever the node runs.
 */
export async function fetchNodeRecordings(node: { controlUrl: string; secretKey: string }, tracks: NodeRecordedTrack[], directory: string): Promise<RecordedTrack[]> {
  await fsp.mkdir(directory, { recursive: true });
  const fetched: RecordedTrack[] = [];
  for (const { name, ...track } of tracks) {
    const filePath = `/media/recordings/${encodeURIComponent(name)}`;
    const headers = (method: string) => ({ "x-media-signature": signControlRequest({ secretKey: node.secretKey, method, path: filePath, body: "", nowMs: Date.now() }) });
    const response = await fetch(new URL(filePath, node.controlUrl), { headers: headers("GET"), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS * 10) });
    if (!response.ok || !response.body) throw new Error(`the media node did not give recording ${name}: HTTP ${response.status}`);
    const localPath = path.join(directory, name);
    await pipeline(Readable.fromWeb(response.body as WebReadableStream), fs.createWriteStream(localPath));
    fetched.push({ ...track, path: localPath });
    await fetch(new URL(filePath, node.controlUrl), { method: "DELETE", headers: headers("DELETE") }).catch(() => undefined);
  }
  return fetched;
}
