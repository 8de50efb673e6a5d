import { execFileSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMediaWorkerPool } from "../../media/create-media-worker-pool.ts";
import { MediaError } from "../../media/media-error.ts";
import { createMediaHarness, TEST_SECRET, waitFor } from "../fixtures/media-test-peer.ts";

let media: ReturnType<typeof createMediaHarness>;
beforeEach(() => {
  media = createMediaHarness((onEvent) => createMediaWorkerPool({ secretKey: TEST_SECRET, onEvent, workers: 2 }));
});
afterEach(async () => {
  await media.dispose();
});

async function startCall(roomId: string) {
  const provider = await media.newPeer();
  const customer = await media.newPeer();
  await media.connect(provider, "provider", { roomId });
  await media.connect(customer, "customer", { roomId });
  await media.pump(provider, "video");
  await waitFor(() => customer.received.video.length >= 10, `the customer in ${roomId} to receive video`);
  return { provider, customer };
}

/** The pool's worker processes, found the way an operator would: children of this process. */
function listWorkerPids(): number[] {
  const lines = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" }).split("\n");
  return lines.filter((line) => line.includes("media-worker.ts")).map((line) => Number.parseInt(line.trim(), 10));
}

describe("media worker pool", () => {
  it("forwards within each room and adds up its workers' stats", async () => {
    await startCall("room-a");
    await startCall("room-b");
    expect(listWorkerPids()).toHaveLength(2);
    await waitFor(() => media.server.stats().peers === 4 && media.server.stats().forwardedPackets >= 20, "both workers to report");
    expect(media.server.stats()).toMatchObject({ rooms: 2, peers: 4 });
  });

  it("refuses bad tokens and closed rooms without a worker, as the single server does", async () => {
    const peer = await media.newPeer();
    await expect(media.server.join({ token: "nope", offerSdp: peer.offerSdp })).rejects.toMatchObject({ code: "invalid_token" });
    await media.server.closeRoom("room-closed");
    const error = await media.connect(peer, "customer", { roomId: "room-closed" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MediaError);
    expect(error).toMatchObject({ code: "room_closed" });
  });

  it("reports every party of a dead worker's rooms as failed at once, and puts new rooms on a live worker", async () => {
    await startCall("room-a");
    const survivor = await startCall("room-b");
    const pids = listWorkerPids();
    expect(pids).toHaveLength(2);

    const killedAt = performance.now();
    process.kill(pids[0]!, "SIGKILL");
    const stopped = () => media.events.filter((event) => event.type === "party-disconnected");
    await waitFor(() => stopped().length >= 2, "both parties of the dead worker's room to be reported", 5_000);
    expect(performance.now() - killedAt).toBeLessThan(2_000);
    const stops = stopped();
    expect(stops).toHaveLength(2);
    expect(new Set(stops.map((event) => event.roomId)).size).toBe(1);
    expect(stops.map((event) => (event.type === "party-disconnected" ? `${event.role}:${event.reason}` : "")).sort()).toEqual([
      "customer:failed",
      "provider:failed",
    ]);

    // The other room is untouched, and a new room is served at once by the live worker.
    const before = survivor.customer.received.video.length;
    await waitFor(() => survivor.customer.received.video.length >= before + 10, "the surviving room to keep forwarding");
    await startCall("room-c");
  });
});
