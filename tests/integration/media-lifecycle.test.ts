import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createJoinToken } from "../../media/join-token.ts";
import { createMediaServer } from "../../media/media-server.ts";
import { sendCloseNotify } from "../../media/send-close-notify.ts";
import { countEvents, createMediaHarness, TEST_SECRET, waitFor } from "../fixtures/media-test-peer.ts";

let media: ReturnType<typeof createMediaHarness>;
beforeEach(() => {
  media = createMediaHarness((onEvent) => createMediaServer({ secretKey: TEST_SECRET, onEvent }));
});
afterEach(async () => {
  await media.dispose();
});

async function startCall() {
  const provider = await media.newPeer();
  const customer = await media.newPeer();
  await media.connect(provider, "provider");
  await media.connect(customer, "customer");
  await media.pump(provider, "video");
  await waitFor(() => customer.received.video.length >= 10, "the customer to receive video");
  return { provider, customer };
}

describe("media room lifecycle", () => {
  it("closes both peers at once on closeRoom, tells both clients, and reports nothing more", async () => {
    const { provider, customer } = await startCall();
    await media.server.closeRoom("room-1");

    expect(media.server.stats()).toMatchObject({ rooms: 0, peers: 0 });
    // The clients learn it from the SFU's DTLS close_notify, not 30 s later from ICE consent.
    await waitFor(
      () => provider.video.dtlsTransport.state === "closed" && customer.video.dtlsTransport.state === "closed",
      "both clients to see their transport closed",
      5_000,
    );
    const forwarded = media.server.stats().forwardedPackets;
    const received = customer.received.video.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(media.server.stats().forwardedPackets).toBe(forwarded);
    expect(customer.received.video.length).toBe(received);
    // Closing is not a party's stop nor a stall: the domain closed the room and knows why.
    expect(media.events.map((event) => event.type).filter((type) => type !== "party-connected" && type !== "provider-media-seen")).toEqual([
      "provider-media-forwarded",
    ]);

    const again = await media.newPeer();
    const token = createJoinToken({ secretKey: TEST_SECRET, roomId: "room-1", userId: "customer-user", role: "customer", now: new Date() });
    await expect(media.server.join({ token, offerSdp: again.offerSdp })).rejects.toMatchObject({ code: "room_closed" });
    await media.server.closeRoom("room-1");
  });

  it("reports party-disconnected when a client closes its connection, and keeps the room open", async () => {
    const { provider, customer } = await startCall();
    // What a browser does on pc.close() or when the tab goes away.
    await sendCloseNotify(customer.pc);
    await customer.close();

    await waitFor(() => countEvents(media.events, "party-disconnected") === 1, "party-disconnected", 10_000);
    expect(media.events.find((event) => event.type === "party-disconnected")).toMatchObject({ roomId: "room-1", role: "customer", reason: "closed" });
    expect(media.server.stats()).toMatchObject({ rooms: 1, peers: 1 });
    expect(provider.pc.connectionState).toBe("connected");

    const back = await media.newPeer();
    await media.connect(back, "customer");
    await waitFor(() => back.received.video.length >= 10, "the returning customer to receive video");
    expect(countEvents(media.events, "party-disconnected")).toBe(1);
    // The flow stopped with the customer's peer (the clock pauses) and resumed with the new one.
    expect(countEvents(media.events, "provider-media-stalled")).toBe(1);
    expect(countEvents(media.events, "provider-media-forwarded")).toBe(2);
    expect(countEvents(media.events, "party-connected")).toBe(3);
  });

  it("lets a party leave without reporting a stop", async () => {
    const { provider, customer } = await startCall();
    await media.server.leave("room-1", "customer");
    await waitFor(() => customer.video.dtlsTransport.state === "closed", "the customer to be told", 5_000);
    expect(media.server.stats()).toMatchObject({ rooms: 1, peers: 1 });
    expect(provider.pc.connectionState).toBe("connected");
    await media.server.leave("room-1", "customer");
    expect(countEvents(media.events, "party-disconnected")).toBe(0);
  });

  it("refuses joins once the server is closed", async () => {
    await startCall();
    await media.server.close();
    expect(media.server.stats()).toMatchObject({ rooms: 0, peers: 0 });
    const late = await media.newPeer();
    const token = createJoinToken({ secretKey: TEST_SECRET, roomId: "room-2", userId: "u", role: "provider", now: new Date() });
    await expect(media.server.join({ token, offerSdp: late.offerSdp })).rejects.toMatchObject({ code: "room_closed" });
    expect(countEvents(media.events, "party-disconnected")).toBe(0);
  });
});

describe("a peer that goes silent", () => {
  let quiet: ReturnType<typeof createMediaHarness>;
  beforeEach(() => {
    quiet = createMediaHarness((onEvent) => createMediaServer({ secretKey: TEST_SECRET, onEvent, silenceTimeoutMs: 3_000, connectTimeoutMs: 5_000 }));
  });
  afterEach(async () => {
    await quiet.dispose();
  });

  it("is reported as failed when it vanishes without a word, while a quiet but live one stays", async () => {
    const provider = await quiet.newPeer();
    const customer = await quiet.newPeer();
    await quiet.connect(provider, "provider");
    await quiet.connect(customer, "customer");
    await quiet.pump(provider, "video");
    // The customer sends no media, only receiver reports about what it gets: it is alive.
    await waitFor(() => customer.received.video.length >= 400, "four seconds of video at the customer", 30_000);
    expect(countEvents(quiet.events, "party-disconnected")).toBe(0);

    // A crashed tab or a lost network: no close_notify, the peer is simply gone.
    const stoppedAt = performance.now();
    await customer.close();
    await waitFor(() => countEvents(quiet.events, "party-disconnected") === 1, "party-disconnected for the silent customer", 15_000);
    expect(performance.now() - stoppedAt).toBeLessThan(10_000);
    expect(quiet.events.find((event) => event.type === "party-disconnected")).toMatchObject({ role: "customer", reason: "failed" });
    expect(quiet.server.stats()).toMatchObject({ peers: 1 });
  });

  it("gives up on a peer that never connects", async () => {
    const peer = await quiet.newPeer();
    const token = createJoinToken({ secretKey: TEST_SECRET, roomId: "room-1", userId: "provider-user", role: "provider", now: new Date() });
    // The answer is never applied, as when the browser's page is gone before it arrived.
    await quiet.server.join({ token, offerSdp: peer.offerSdp });
    expect(quiet.server.stats()).toMatchObject({ peers: 1 });
    await waitFor(() => countEvents(quiet.events, "party-disconnected") === 1, "party-disconnected for the peer that never connected", 15_000);
    expect(quiet.events[0]).toMatchObject({ role: "provider", reason: "failed" });
    expect(quiet.server.stats()).toMatchObject({ rooms: 0, peers: 0 });
  });
});
