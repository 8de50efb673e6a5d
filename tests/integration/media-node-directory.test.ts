import { randomBytes, randomUUID } from "node:crypto";
import { createClient } from "redis";
import { afterAll, describe, expect, it } from "vitest";
import { signControlRequest, verifyControlRequest } from "../../media/cluster/control-signature.ts";
import { mediaClusterKeys } from "../../media/cluster/media-cluster-keys.ts";
import {
  listDeadMediaNodes,
  listLiveMediaNodes,
  type MediaNodeInfo,
  NODE_LEASE_MS,
  placeRoom,
  readPlacement,
  removeDeadMediaNode,
  renewMediaNode,
  takeDeadNodeRoom,
} from "../../media/cluster/media-node-directory.ts";

// The SFU nodes' directory in Redis (SPEC 19, Scale) and the signature on control requests.
// The directory needs Redis: without REDIS_URL (the embedded tier) its part is skipped.
const redis = process.env.REDIS_URL ? createClient({ url: process.env.REDIS_URL }) : undefined;
const keys = mediaClusterKeys(`test-directory-${randomBytes(4).toString("hex")}`);
afterAll(async () => {
  if (redis?.isOpen) await redis.quit();
});

const SECRET = "control-signature-test-secret-0123456789";
const request = { secretKey: SECRET, method: "POST", path: "/media/close-room", body: '{"roomId":"r1"}', nowMs: 1_700_000_000_000 };

describe("control request signatures", () => {
  it("accept the request as signed, and refuse it altered, elsewhere, late, or under another key", () => {
    const signature = signControlRequest(request);
    expect(verifyControlRequest({ ...request, signature })).toBe(true);
    expect(verifyControlRequest({ ...request, signature, nowMs: request.nowMs + 59_000 })).toBe(true);
    expect(verifyControlRequest({ ...request, signature, body: '{"roomId":"r2"}' })).toBe(false);
    expect(verifyControlRequest({ ...request, signature, path: "/media/join" })).toBe(false);
    expect(verifyControlRequest({ ...request, signature, method: "GET" })).toBe(false);
    expect(verifyControlRequest({ ...request, signature, nowMs: request.nowMs + 61_000 })).toBe(false);
    expect(verifyControlRequest({ ...request, signature, secretKey: `${SECRET}x` })).toBe(false);
    expect(verifyControlRequest({ ...request, signature: undefined })).toBe(false);
    expect(verifyControlRequest({ ...request, signature: `${request.nowMs}.` })).toBe(false);
    expect(verifyControlRequest({ ...request, signature: "not-a-signature" })).toBe(false);
  });
});

function node(id: string, rooms: number, heartbeatAtMs: number): MediaNodeInfo {
  return { id, controlUrl: `http://127.0.0.1:1/${id}`, capacity: 10, rooms, peers: rooms * 2, workers: 1, startedAtMs: heartbeatAtMs, heartbeatAtMs };
}

describe.skipIf(!redis)("the SFU node directory in Redis", () => {
  it("lists live nodes least loaded first, and a node whose lease ran out as dead", async () => {
    await redis!.connect();
    const now = Date.now();
    await renewMediaNode(redis!, keys, node("busy", 8, now));
    await renewMediaNode(redis!, keys, node("quiet", 1, now));
    await renewMediaNode(redis!, keys, node("gone", 0, now - NODE_LEASE_MS - 1));
    expect((await listLiveMediaNodes(redis!, keys, now)).map((n) => n.id)).toEqual(["quiet", "busy"]);
    expect(await listDeadMediaNodes(redis!, keys, now)).toEqual(["gone"]);
  });

  it("places a room once when two processes place it at the same instant on different nodes", async () => {
    for (let trial = 0; trial < 20; trial++) {
      const roomId = randomUUID();
      const [first, second] = await Promise.all([
        placeRoom(redis!, keys, { roomId, nodeId: "busy", replacing: null }),
        placeRoom(redis!, keys, { roomId, nodeId: "quiet", replacing: null }),
      ]);
      expect(first).toBe(second);
      expect(await readPlacement(redis!, keys, roomId)).toBe(first);
    }
  });

  it("moves a room off a dead node only from the node the mover saw it on", async () => {
    const roomId = randomUUID();
    expect(await placeRoom(redis!, keys, { roomId, nodeId: "gone", replacing: null })).toBe("gone");
    // A mover that saw another node (stale) does not overwrite; one that saw the dead node does.
    expect(await placeRoom(redis!, keys, { roomId, nodeId: "busy", replacing: "quiet" })).toBe("gone");
    expect(await placeRoom(redis!, keys, { roomId, nodeId: "quiet", replacing: "gone" })).toBe("quiet");
    expect(await placeRoom(redis!, keys, { roomId, nodeId: "busy", replacing: "gone" })).toBe("quiet");
  });

  it("hands each room of a dead node to exactly one of several sweepers, then removes the node", async () => {
    const rooms = Array.from({ length: 30 }, () => randomUUID());
    for (const roomId of rooms) await placeRoom(redis!, keys, { roomId, nodeId: "doomed", replacing: null });
    await renewMediaNode(redis!, keys, node("doomed", rooms.length, Date.now() - NODE_LEASE_MS - 1));
    const taken: string[] = [];
    const sweep = async () => {
      for (let room = await takeDeadNodeRoom(redis!, keys, "doomed"); room; room = await takeDeadNodeRoom(redis!, keys, "doomed")) taken.push(room);
    };
    await Promise.all([sweep(), sweep(), sweep()]);
    expect(taken.sort()).toEqual([...rooms].sort());
    expect(await removeDeadMediaNode(redis!, keys, "doomed", Date.now())).toBe(true);
    expect(await listDeadMediaNodes(redis!, keys, Date.now())).not.toContain("doomed");
  });

  it("keeps a node whose lease was renewed after it was found dead", async () => {
    const foundDeadAt = Date.now();
    await renewMediaNode(redis!, keys, node("late", 0, foundDeadAt));
    expect(await removeDeadMediaNode(redis!, keys, "late", foundDeadAt)).toBe(false);
    expect((await listLiveMediaNodes(redis!, keys, foundDeadAt)).map((n) => n.id)).toContain("late");
  });
});
