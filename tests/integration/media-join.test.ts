import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createJoinToken, verifyJoinToken } from "../../media/join-token.ts";
import { MediaError } from "../../media/media-error.ts";
import { createMediaServer } from "../../media/media-server.ts";
import { countEvents, createMediaHarness, createTestPeer, TEST_SECRET, waitFor } from "../fixtures/media-test-peer.ts";

/** The werift fields that show how a test peer sees the SFU's ICE agent. */
type IceAgentView = { remoteIsLite: boolean; iceControlling: boolean };

const now = new Date("2026-11-20T10:00:00Z");
const grant = { secretKey: TEST_SECRET, roomId: "room-1", userId: "user-1", role: "provider" as const, now };

describe("join tokens", () => {
  it("round-trips a grant until it expires", () => {
    const token = createJoinToken({ ...grant, ttlSeconds: 30 });
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(verifyJoinToken({ secretKey: TEST_SECRET, token, now: new Date(now.getTime() + 29_999) })).toEqual({
      roomId: "room-1",
      userId: "user-1",
      role: "provider",
      expiresAt: new Date(now.getTime() + 30_000),
    });
    expect(() => verifyJoinToken({ secretKey: TEST_SECRET, token, now: new Date(now.getTime() + 30_000) })).toThrow(MediaError);
  });

  it.each([
    ["another key", (token: string) => ({ token, secretKey: "another-secret" })],
    ["a changed body", (token: string) => ({ token: `${Buffer.from('{"r":"room-1","u":"user-1","p":"customer","e":9999999999}').toString("base64url")}.${token.split(".")[1]}` })],
    ["a cut signature", (token: string) => ({ token: token.slice(0, -2) })],
    ["no signature", (token: string) => ({ token: token.split(".")[0]! })],
    ["garbage", () => ({ token: "not a token" })],
    ["an empty string", () => ({ token: "" })],
  ])("refuses a token with %s", (_, tamper) => {
    const { token, secretKey = TEST_SECRET } = tamper(createJoinToken(grant)) as { token: string; secretKey?: string };
    let error: unknown;
    try {
      verifyJoinToken({ secretKey, token, now });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MediaError);
    expect(error).toMatchObject({ code: "invalid_token" });
  });

  it("defaults to a 60 second lifetime", () => {
    const token = createJoinToken(grant);
    expect(verifyJoinToken({ secretKey: TEST_SECRET, token, now }).expiresAt).toEqual(new Date(now.getTime() + 60_000));
  });
});

describe("joining a media room", () => {
  let media: ReturnType<typeof createMediaHarness>;
  let clock: Date;
  beforeEach(() => {
    clock = now;
    media = createMediaHarness((onEvent) => createMediaServer({ secretKey: TEST_SECRET, now: () => clock, onEvent }));
  });
  afterEach(async () => {
    await media.dispose();
  });

  it("refuses a bad or expired token before making any peer", async () => {
    const peer = await media.newPeer();
    const forged = createJoinToken({ ...grant, secretKey: "someone-else" });
    await expect(media.server.join({ token: forged, offerSdp: peer.offerSdp })).rejects.toMatchObject({ code: "invalid_token" });
    const token = createJoinToken({ ...grant, ttlSeconds: 10 });
    clock = new Date(now.getTime() + 10_000);
    await expect(media.server.join({ token, offerSdp: peer.offerSdp })).rejects.toMatchObject({ code: "invalid_token" });
    expect(media.server.stats()).toMatchObject({ rooms: 0, peers: 0 });
  });

  it("refuses a role another user holds, and leaves that user connected", async () => {
    const provider = await media.newPeer();
    await media.connect(provider, "provider", { userId: "provider-user" });
    const intruder = await media.newPeer();
    const token = createJoinToken({ ...grant, userId: "intruder", role: "provider", now: clock });
    await expect(media.server.join({ token, offerSdp: intruder.offerSdp })).rejects.toMatchObject({ code: "role_taken" });
    expect(media.server.stats()).toMatchObject({ rooms: 1, peers: 1 });
    expect(provider.pc.connectionState).toBe("connected");
    expect(provider.video.dtlsTransport.state).toBe("connected");
  });

  it("lets the same user reconnect in the same role, replacing the old peer", async () => {
    const first = await media.newPeer();
    await media.connect(first, "customer", { userId: "customer-user" });
    const second = await media.newPeer();
    await media.connect(second, "customer", { userId: "customer-user" });
    await waitFor(() => first.video.dtlsTransport.state === "closed", "the old peer to be told", 5_000);
    expect(media.server.stats()).toMatchObject({ rooms: 1, peers: 1 });
    expect(countEvents(media.events, "party-disconnected")).toBe(0);
  });

  it("answers as an ICE-lite agent, saying so once at session level, and the peer checks and nominates", async () => {
    const peer = await media.newPeer();
    const token = createJoinToken({ ...grant, now: clock });
    const { answerSdp } = await media.server.join({ token, offerSdp: peer.offerSdp });
    const firstMedia = answerSdp.search(/^m=/m);
    expect(answerSdp.match(/^a=ice-lite\r?$/gm)).toHaveLength(1);
    expect(answerSdp.search(/^a=ice-lite/m)).toBeLessThan(firstMedia);
    await peer.accept(answerSdp);
    await waitFor(() => peer.pc.connectionState === "connected", "the peer to connect");
    const agent = (peer.video.dtlsTransport.iceTransport as unknown as { connection: IceAgentView }).connection;
    expect(agent).toMatchObject({ remoteIsLite: true, iceControlling: true });
  });

  it("refuses an offer it cannot answer", async () => {
    const token = createJoinToken({ ...grant, now: clock });
    await expect(media.server.join({ token, offerSdp: "hello" })).rejects.toMatchObject({ code: "invalid_offer" });
    const broken = (await media.newPeer()).offerSdp.replace(/^a=rtpmap:\d+ VP8\/90000$/m, "a=rtpmap:97 H264/90000");
    await expect(media.server.join({ token, offerSdp: broken })).rejects.toMatchObject({ code: "invalid_offer" });
    const audioOnly = (await media.newPeer()).offerSdp.split(/\r?\nm=video/)[0]!.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0") + "\r\n";
    await expect(media.server.join({ token, offerSdp: audioOnly })).rejects.toMatchObject({ code: "invalid_offer" });
    expect(media.server.stats()).toMatchObject({ rooms: 0, peers: 0 });

    // The refusals left the room usable.
    const peer = await media.newPeer();
    await media.connect(peer, "provider", { userId: "user-1" });
  });

  it("refuses a closed room even before anyone joined it", async () => {
    await media.server.closeRoom("room-1");
    const peer = await createTestPeer();
    try {
      await expect(media.server.join({ token: createJoinToken({ ...grant, now: clock }), offerSdp: peer.offerSdp })).rejects.toMatchObject({
        code: "room_closed",
      });
    } finally {
      await peer.close();
    }
  });
});
