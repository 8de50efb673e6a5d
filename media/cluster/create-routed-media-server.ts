import os from "node:os";
import path from "node:path";
import { verifyJoinToken } from "../join-token.ts";
import { MediaError } from "../media-error.ts";
import type { MediaLogger, MediaServer, MediaServerEvent } from "../media-server.ts";
import { callMediaNode, fetchNodeRecordings } from "./call-media-node.ts";
import type { MediaClusterKeys } from "./media-cluster-keys.ts";
import {
  forgetClosedRoom,
  listDeadMediaNodes,
  listLiveMediaNodes,
  type MediaNodeInfo,
  placeRoom,
  readMediaNode,
  readPlacement,
  removeDeadMediaNode,
  type RedisClient,
  takeDeadNodeRoom,
} from "./media-node-directory.ts";
import { readMediaEvents } from "./read-media-events.ts";

const DEAD_NODE_CHECK_MS = 1_000;
const FETCHED_RECORDINGS = path.join(os.tmpdir(), "tweeps-node-recordings");

export type RoutedMediaServerOptions = {
  redis: RedisClient;
  keys: MediaClusterKeys;
  secretKey: string;
  /** The SFU inside this process: used for a room while no SFU node is registered. */
  local: MediaServer;
  /** What the nodes observed, as the local SFU reports it (recordings already fetched here). */
  onEvent: (event: MediaServerEvent) => void | Promise<void>;
  /** A room whose node died: its media stopped when the node last reported it flowing. */
  onRoomLost: (roomId: string) => Promise<void>;
  logger: MediaLogger;
  now?: () => Date;
};

/**
 * The media server an app process talks to when Redis is configured (SPEC 19, Scale). A new room
 * goes to the least-loaded live SFU node and the placement is recorded in Redis, so every join,
 * leave, room close and recording request for it reaches that node from whichever app process
 * the party's page is connected to. With no node registered, a room stays in this process's own
 * SFU, as on the embedded default. A node found dead (its lease ran out) has each of its rooms
 * handed to `onRoomLost` once across the deployment; a rejoin places the room on a live node.
 */
export function createRoutedMediaServer(options: RoutedMediaServerOptions): MediaServer {
  const { redis, keys, local, logger } = options;
  const now = options.now ?? (() => new Date());
  const localRooms = new Set<string>();
  const nodeAccess = (node: MediaNodeInfo) => ({ controlUrl: node.controlUrl, secretKey: options.secretKey });
  let closed = false;

  const events = readMediaEvents({
    redis,
    keys,
    logger,
    handle: async (event) => {
      const { atMs, nodeId, ...rest } = event;
      if (rest.type !== "recording-finished") return void (await options.onEvent({ ...rest, at: new Date(atMs) } as MediaServerEvent));
      const { info } = await readMediaNode(redis, keys, nodeId);
      if (!info) return logger.warn({ roomId: rest.roomId, nodeId }, "a recording's node is gone; its files cannot be fetched");
      const tracks = await fetchNodeRecordings(nodeAccess(info), rest.tracks, FETCHED_RECORDINGS);
      await options.onEvent({ type: "recording-finished", roomId: rest.roomId, at: new Date(atMs), tracks });
    },
  });

  let checking: Promise<void> | undefined;
  const deadNodeTimer = setInterval(() => {
    checking ??= handleDeadNodes()
      .catch((error: unknown) => logger.error({ err: error }, "checking the media nodes failed"))
      .finally(() => (checking = undefined));
  }, DEAD_NODE_CHECK_MS);
  deadNodeTimer.unref();

  async function handleDeadNodes() {
    const nowMs = now().getTime();
    for (const nodeId of await listDeadMediaNodes(redis, keys, nowMs)) {
      logger.warn({ nodeId }, "an SFU node's lease ran out: its sessions pause");
      for (let roomId = await takeDeadNodeRoom(redis, keys, nodeId); roomId; roomId = await takeDeadNodeRoom(redis, keys, nodeId)) {
        await options.onRoomLost(roomId).catch((error: unknown) => logger.error({ err: error, roomId }, "pausing a dead node's session failed"));
      }
      await removeDeadMediaNode(redis, keys, nodeId, nowMs);
    }
  }

  /** The live node a room is on, placing it (or moving it off a dead node) if need be; null: keep it here. */
  async function nodeFor(roomId: string, placeIfNew: boolean): Promise<MediaNodeInfo | null> {
    const nowMs = now().getTime();
    const placed = await readPlacement(redis, keys, roomId);
    const live = await listLiveMediaNodes(redis, keys, nowMs);
    const current = placed ? live.find((node) => node.id === placed) : undefined;
    if (current) return current;
    if (!placeIfNew) return null;
    if (live.length === 0) {
      if (!placed) return null;
      throw new MediaError("no_media_node", "The media server of this session is down and no other is running. Please try again shortly.");
    }
    const winner = await placeRoom(redis, keys, { roomId, nodeId: live[0]!.id, replacing: placed });
    const node = live.find((candidate) => candidate.id === winner) ?? (await readMediaNode(redis, keys, winner)).info;
    if (!node) throw new MediaError("no_media_node", "The media server of this session is not reachable. Please try again shortly.");
    if (placed) logger.warn({ roomId, from: placed, to: node.id }, "a room moved off a dead SFU node");
    return node;
  }

  return {
    async join(input) {
      const grant = verifyJoinToken({ secretKey: options.secretKey, token: input.token, now: now() });
      if (closed) throw new MediaError("room_closed", "This media room is closed.");
      if (localRooms.has(grant.roomId)) return local.join(input);
      const node = await nodeFor(grant.roomId, true);
      if (!node) {
        localRooms.add(grant.roomId);
        return local.join(input);
      }
      return callMediaNode(nodeAccess(node), "/media/join", input);
    },

    async leave(roomId, role) {
      if (localRooms.has(roomId)) return local.leave(roomId, role);
      const node = await nodeFor(roomId, false);
      if (node) await callMediaNode(nodeAccess(node), "/media/leave", { roomId, role });
    },

    async closeRoom(roomId) {
      if (localRooms.has(roomId)) {
        localRooms.delete(roomId);
        return local.closeRoom(roomId);
      }
      // Another process may have opened it here before any node existed: close that too.
      await local.closeRoom(roomId);
      const node = await nodeFor(roomId, false);
      if (!node) return;
      await callMediaNode(nodeAccess(node), "/media/close-room", { roomId });
      await forgetClosedRoom(redis, keys, { roomId, nodeId: node.id });
    },

    async startRecording(roomId, recording) {
      if (localRooms.has(roomId)) return local.startRecording(roomId, recording);
      const node = await nodeFor(roomId, false);
      if (!node) throw new MediaError("room_closed", "This media room is not open.");
      await callMediaNode(nodeAccess(node), "/media/recording/start", { roomId });
    },

    async stopRecording(roomId) {
      if (localRooms.has(roomId)) return local.stopRecording(roomId);
      const node = await nodeFor(roomId, false);
      if (!node) return [];
      const { tracks } = await callMediaNode(nodeAccess(node), "/media/recording/stop", { roomId });
      return fetchNodeRecordings(nodeAccess(node), tracks, FETCHED_RECORDINGS);
    },

    /** This process's own SFU only: the nodes report their load to the directory. */
    stats: () => local.stats(),

    async close() {
      closed = true;
      clearInterval(deadNodeTimer);
      await checking;
      await events.stop();
      await local.close();
    },
  };
}
