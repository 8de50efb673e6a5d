import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMediaServer } from "../../media/media-server.ts";
import { countEvents, createMediaHarness, isIncreasing, readIndex, TEST_SECRET, waitFor } from "../fixtures/media-test-peer.ts";

// Real werift peers on loopback stand in for the two browsers: real ICE, DTLS and SRTP.
let media: ReturnType<typeof createMediaHarness>;
let clock: Date;
beforeEach(() => {
  clock = new Date("2026-11-20T10:00:00Z");
  media = createMediaHarness((onEvent) => createMediaServer({ secretKey: TEST_SECRET, now: () => clock, onEvent }));
});
afterEach(async () => {
  await media.dispose();
});

describe("media forwarding", () => {
  it("forwards the provider's packets to the customer in order and reports the first one once", async () => {
    const provider = await media.newPeer();
    await media.connect(provider, "provider");
    const video = await media.pump(provider, "video");
    const audio = await media.pump(provider, "audio", { intervalMs: 20 });
    await waitFor(() => video.written() >= 30, "the provider to send for a while");
    // Nobody receives yet: nothing is forwarded and the clock must not start.
    expect(media.events.map((event) => event.type)).toEqual(["party-connected"]);
    expect(media.server.stats()).toMatchObject({ rooms: 1, peers: 1, forwardedPackets: 0 });

    const customer = await media.newPeer();
    await media.connect(customer, "customer");
    await waitFor(() => customer.received.video.length >= 60 && customer.received.audio.length >= 20, "the customer to receive media");

    const videoIndexes = customer.received.video.map(readIndex);
    const audioIndexes = customer.received.audio.map(readIndex);
    expect(isIncreasing(videoIndexes)).toBe(true);
    expect(isIncreasing(audioIndexes)).toBe(true);
    // Nothing lost on loopback: every packet from the first forwarded one on arrived.
    expect(videoIndexes.at(-1)! - videoIndexes[0]! + 1).toBe(videoIndexes.length);
    expect(customer.received.video[0]!.payload.length).toBe(400);

    expect(countEvents(media.events, "provider-media-forwarded")).toBe(1);
    const forwarded = media.events.find((event) => event.type === "provider-media-forwarded");
    expect(forwarded).toMatchObject({ type: "provider-media-forwarded", roomId: "room-1", at: clock });
    expect(forwarded!.forwardedPacketsThen).toBeGreaterThanOrEqual(1);
    expect(media.server.stats()).toMatchObject({ rooms: 1, peers: 2 });
    expect(media.server.stats().forwardedPackets).toBeGreaterThanOrEqual(80);
    // werift's path forwards at most each stream's first packet; the rest go the SFU's own way.
    const { forwardedPackets, ownPathPackets } = media.server.stats();
    expect(forwardedPackets - ownPathPackets).toBeLessThanOrEqual(2);

    // The customer reloads the page: a new peer, the same room, still one clock start.
    const reloaded = await media.newPeer();
    await media.connect(reloaded, "customer");
    await waitFor(() => reloaded.received.video.length >= 20, "the reloaded customer to receive video");
    expect(countEvents(media.events, "provider-media-forwarded")).toBe(1);
    expect(media.server.stats()).toMatchObject({ rooms: 1, peers: 2 });
    audio.stop();
  });

  it("delivers the customer's camera, switched on later, to the provider without renegotiation", async () => {
    const provider = await media.newPeer();
    const customer = await media.newPeer();
    await media.connect(provider, "provider");
    await media.connect(customer, "customer");
    await media.pump(provider, "video");
    await waitFor(() => customer.received.video.length >= 10, "the customer to receive the provider");
    expect(provider.received.video).toHaveLength(0);
    const offerBefore = customer.pc.localDescription?.sdp;

    await media.pump(customer, "video");
    await media.pump(customer, "audio", { intervalMs: 20 });
    await waitFor(() => provider.received.video.length >= 30 && provider.received.audio.length >= 10, "the provider to receive the customer");

    expect(isIncreasing(provider.received.video.map(readIndex))).toBe(true);
    expect(isIncreasing(provider.received.audio.map(readIndex))).toBe(true);
    expect(customer.pc.signalingState).toBe("stable");
    expect(customer.pc.localDescription?.sdp).toBe(offerBefore);
    // Only provider media starts the clock.
    expect(countEvents(media.events, "provider-media-forwarded")).toBe(1);
  });

  it("continues the customer's stream across a provider reconnect", async () => {
    const first = await media.newPeer();
    const customer = await media.newPeer();
    await media.connect(first, "provider");
    await media.connect(customer, "customer");
    const firstPump = await media.pump(first, "video");
    await waitFor(() => customer.received.video.length >= 30, "video from the first provider peer");
    firstPump.stop();
    const beforeSplice = customer.received.video.length;

    const second = await media.newPeer();
    await media.connect(second, "provider");
    await waitFor(() => first.video.dtlsTransport.state === "closed", "the replaced provider peer to be told");
    await media.pump(second, "video");
    await waitFor(() => customer.received.video.length >= beforeSplice + 30, "video from the second provider peer");

    // The new peer restarts its numbering at 1000, but the customer sees one continuous stream
    // with a small gap at the splice, so its decoder resynchronises instead of discarding packets.
    const sequenceNumbers = customer.received.video.map((packet) => packet.header.sequenceNumber);
    expect(isIncreasing(sequenceNumbers)).toBe(true);
    const gap = sequenceNumbers[beforeSplice]! - sequenceNumbers[beforeSplice - 1]!;
    expect(gap).toBeGreaterThanOrEqual(1);
    expect(gap).toBeLessThanOrEqual(3);
    expect(new Set(customer.received.video.map((packet) => packet.header.ssrc)).size).toBe(1);
    expect(countEvents(media.events, "party-disconnected")).toBe(0);
    expect(countEvents(media.events, "provider-media-forwarded")).toBe(1);
  });
});
