import type { createClient } from "redis";
import type { MediaClusterKeys } from "./media-cluster-keys.ts";

export type RedisClient = ReturnType<typeof createClient>;

/** What a node says of itself at every heartbeat. */
export type MediaNodeInfo = {
  id: string;
  /** Where app processes send control requests (http://host:port, reachable from them). */
  controlUrl: string;
  /** Rooms the node takes before it counts as full; placement compares rooms to this. */
  capacity: number;
  rooms: number;
  peers: number;
  workers: number;
  startedAtMs: number;
  heartbeatAtMs: number;
};

/** A node's lease: several heartbeats long, so one late heartbeat on a busy machine is not a death. */
export const NODE_LEASE_MS = 3_000;
export const NODE_HEARTBEAT_MS = 1_000;

/** Renews the node's lease and rewrites its description (node side). */
export async function renewMediaNode(redis: RedisClient, keys: MediaClusterKeys, info: MediaNodeInfo) {
  await redis
    .multi()
    .zAdd(keys.nodes, { score: info.heartbeatAtMs + NODE_LEASE_MS, value: info.id })
    .hSet(keys.nodeInfo, info.id, JSON.stringify(info))
    .exec();
}

/** A node shutting down in order leaves at once; its rooms are handled as a dead node's. */
export async function expireMediaNode(redis: RedisClient, keys: MediaClusterKeys, nodeId: string) {
  await redis.zAdd(keys.nodes, { score: 0, value: nodeId });
}

/** The nodes whose lease has not run out at `nowMs`, least loaded first. */
export async function listLiveMediaNodes(redis: RedisClient, keys: MediaClusterKeys, nowMs: number): Promise<MediaNodeInfo[]> {
  const ids = await redis.zRangeByScore(keys.nodes, nowMs, "+inf");
  if (ids.length === 0) return [];
  const described = await redis.hmGet(keys.nodeInfo, ids);
  return described
    .filter((json): json is string => typeof json === "string")
    .map((json) => JSON.parse(json) as MediaNodeInfo)
    .sort((a, b) => loadOf(a) - loadOf(b));
}

export async function readMediaNode(redis: RedisClient, keys: MediaClusterKeys, nodeId: string): Promise<{ info: MediaNodeInfo | null; leaseEndsAtMs: number | null }> {
  const [score, json] = await Promise.all([redis.zScore(keys.nodes, nodeId), redis.hGet(keys.nodeInfo, nodeId)]);
  return { info: json ? (JSON.parse(json) as MediaNodeInfo) : null, leaseEndsAtMs: score ?? null };
}

const loadOf = (node: MediaNodeInfo) => node.rooms / Math.max(1, node.capacity);

// Replaces the room's placement only if it is still what the caller saw (nothing, or a dead
// node), so two app processes placing one room at once agree on one node.
const PLACE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if (current == false and ARGV[1] == '') or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  redis.call('SADD', KEYS[2], ARGV[4])
  return ARGV[2]
end
return current
`;

/** Rooms are forgotten a day after their last placement: far longer than any session. */
const PLACEMENT_TTL_MS = 24 * 60 * 60_000;

/**
 * Places `roomId` on `nodeId` unless another process placed it first (then answers that node).
 * `replacing` is the dead node the caller saw the room on, or null for a new room.
 */
export async function placeRoom(redis: RedisClient, keys: MediaClusterKeys, input: { roomId: string; nodeId: string; replacing: string | null }): Promise<string> {
  const placed = await redis.eval(PLACE_SCRIPT, {
    keys: [keys.room(input.roomId), keys.nodeRooms(input.nodeId)],
    arguments: [input.replacing ?? "", input.nodeId, String(PLACEMENT_TTL_MS), input.roomId],
  });
  return String(placed);
}

export async function readPlacement(redis: RedisClient, keys: MediaClusterKeys, roomId: string): Promise<string | null> {
  return redis.get(keys.room(roomId));
}

/** A closed room's placement is kept a while, so a late join reaches the node that refuses it. */
export async function forgetClosedRoom(redis: RedisClient, keys: MediaClusterKeys, input: { roomId: string; nodeId: string }) {
  await redis.multi().pExpire(keys.room(input.roomId), 15 * 60_000).sRem(keys.nodeRooms(input.nodeId), input.roomId).exec();
}

/** Nodes whose lease ran out before `nowMs`. */
export async function listDeadMediaNodes(redis: RedisClient, keys: MediaClusterKeys, nowMs: number): Promise<string[]> {
  return redis.zRangeByScore(keys.nodes, "-inf", `(${nowMs}`);
}

/**
 * Takes one room of a dead node, or null when none is left. Each room is taken by exactly one
 * app process (SPOP), so a dead node's sessions are paused once, whoever noticed.
 */
export async function takeDeadNodeRoom(redis: RedisClient, keys: MediaClusterKeys, nodeId: string): Promise<string | null> {
  const taken = await redis.sPop(keys.nodeRooms(nodeId));
  return typeof taken === "string" ? taken : null;
}

/** Removes a dead node whose rooms are all handled. */
export async function removeDeadMediaNode(redis: RedisClient, keys: MediaClusterKeys, nodeId: string, nowMs: number) {
  // Only if it is still dead: a node whose lease was renewed meanwhile (a long pause) stays.
  const [score] = await Promise.all([redis.zScore(keys.nodes, nodeId)]);
  if (score !== null && score >= nowMs) return false;
  await redis.multi().zRem(keys.nodes, nodeId).hDel(keys.nodeInfo, nodeId).exec();
  return true;
}
