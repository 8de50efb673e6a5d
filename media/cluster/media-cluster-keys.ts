/**
 * Where the SFU nodes of one deployment meet in Redis, under its REDIS_PREFIX. Every key of the
 * media directory is named here, so a node and the app processes cannot disagree on one.
 */
export function mediaClusterKeys(prefix: string) {
  return {
    /** Sorted set: node id → the instant (epoch ms) its lease runs out. */
    nodes: `${prefix}:media:nodes`,
    /** Hash: node id → its description (MediaNodeInfo as JSON), rewritten at every heartbeat. */
    nodeInfo: `${prefix}:media:node-info`,
    /** Set: the rooms placed on a node, taken one by one when the node is found dead. */
    nodeRooms: (nodeId: string) => `${prefix}:media:node-rooms:${nodeId}`,
    /** String: the node a room is placed on. */
    room: (roomId: string) => `${prefix}:media:room:${roomId}`,
    /** Stream: what every node observed (MediaServerEvent), read by one app process at a time. */
    events: `${prefix}:media:events`,
    /** String: which app process reads the event stream now (a lease). */
    eventReader: `${prefix}:media:events:reader`,
  };
}

export type MediaClusterKeys = ReturnType<typeof mediaClusterKeys>;
