import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordingFiles } from "../../db/schema.ts";
import { purgeExpiredRecordings } from "../../server/domain/recordings/purge-expired-recordings.ts";
import { listSessionRecordings } from "../../server/domain/recordings/recording-files.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { ask, cookieOf, createSocketPool, nextEvent, publishConsultation } from "../fixtures/live-fixtures.ts";
import { createTestPeer, pumpRtp, type TestPeer, waitFor } from "../fixtures/media-test-peer.ts";
import { registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// SPEC 18 recording through the real server and its SFU, with werift peers on loopback:
// asked by one party, started only by the other's consent, shown to both, stopped by either;
// the files are listed for both, played and downloaded through 5-minute links made for the
// asker only, and deleted by either. Kept 30 days.
const run = promisify(execFile);
const ffprobe = ["/usr/bin/ffprobe", "/usr/local/bin/ffprobe"].find((candidate) => fs.existsSync(candidate));

let server: TestServer;
// The server's clock runs with real time, shifted by this much to check the links' and files' lifetimes.
let offsetMs = 0;
const pool = createSocketPool();
const peers: TestPeer[] = [];
const pumps: { stop(): void }[] = [];
beforeAll(async () => {
  server = await startTestServer({ SHORT_SESSION_SECONDS: "0" }, { now: () => new Date(Date.now() + offsetMs) });
});
afterAll(async () => {
  pumps.forEach((pump) => pump.stop());
  await Promise.all(peers.map((peer) => peer.close()));
  pool.closeAll();
  expect(await verifyLedger(server.ctx.db)).toMatchObject({ ok: true, accountsSumMinor: 0, entriesSumMinor: 0 });
  await server?.stop();
});

async function videoSession() {
  const provider = await registerUser(server);
  const customer = await registerUser(server);
  const tweep = await publishConsultation(server, provider.user.id, { videoPriceMinor: 100n, textPriceMinor: 100n });
  await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 10_000 });
  const order = (await customer.client.post("/api/v1/orders", { tweepId: tweep.id, medium: "video" })).json.order;
  const providerSocket = await pool.connect(server.url, provider.client);
  const customerSocket = await pool.connect(server.url, customer.client);
  await provider.client.request("PUT", "/api/v1/me/status", { status: "available" });
  const sessionId = (await ask(customerSocket, "call:start", { orderId: order.id })).session.id as string;
  await ask(providerSocket, "call:answer", { sessionId });
  const providerPeer = await createTestPeer();
  const customerPeer = await createTestPeer();
  peers.push(providerPeer, customerPeer);
  for (const [socket, peer] of [
    [providerSocket, providerPeer],
    [customerSocket, customerPeer],
  ] as const) {
    const joined = await ask(socket, "media:join", { sessionId, offerSdp: peer.offerSdp });
    expect(joined.ok, JSON.stringify(joined)).toBe(true);
    await peer.accept(joined.answerSdp);
  }
  await waitFor(() => providerPeer.pc.connectionState === "connected" && customerPeer.pc.connectionState === "connected", "both peers to connect");
  pumps.push(pumpRtp(await providerPeer.startSending("video"), "video", { intervalMs: 33 }));
  pumps.push(pumpRtp(await providerPeer.startSending("audio"), "audio", { intervalMs: 20 }));
  await waitFor(() => customerPeer.received.video.length > 10, "the customer to receive the provider's media");
  return { provider, customer, providerSocket, customerSocket, sessionId, customerPeer };
}

describe("recording a session with both parties' consent", () => {
  it("asks, waits for the other's consent, shows both, stops, lists, plays, downloads and deletes", async () => {
    const s = await videoSession();
    const record = (who: typeof s.customer, action: string) => who.client.post(`/api/v1/sessions/${s.sessionId}/recording`, { action });

    // The customer asks: both are told; nothing is recorded yet.
    const providerSees = nextEvent(s.providerSocket, "recording:updated", (e) => e.status === "asked");
    expect((await record(s.customer, "ask")).json.recording).toMatchObject({ status: "asked", askedByRole: "customer" });
    expect(await providerSees).toMatchObject({ sessionId: s.sessionId, askedByRole: "customer" });
    expect((await record(s.customer, "ask")).status).toBe(409);
    // Only the other party consents; a stranger learns nothing.
    expect((await record(s.customer, "consent")).status).toBe(403);
    const stranger = await registerUser(server);
    expect((await stranger.client.post(`/api/v1/sessions/${s.sessionId}/recording`, { action: "consent" })).status).toBe(404);
    expect((await stranger.client.get(`/api/v1/sessions/${s.sessionId}/recordings`)).status).toBe(404);

    // The provider consents: recording, and both pages show it.
    const customerSees = nextEvent(s.customerSocket, "recording:updated", (e) => e.status === "recording");
    expect((await record(s.provider, "consent")).json.recording).toMatchObject({ status: "recording" });
    expect(await customerSees).toMatchObject({ status: "recording" });
    expect((await s.customer.client.get(`/api/v1/sessions/${s.sessionId}/recordings`)).json.state.status).toBe("recording");
    const receivedThen = s.customerPeer.received.video.length;
    await waitFor(() => s.customerPeer.received.video.length - receivedThen >= 45, "a while of media to be recorded");

    // Either stops it (here the customer, who asked); the files are stored and listed for both.
    const stopped = nextEvent(s.providerSocket, "recording:updated", (e) => e.status === "none");
    expect((await record(s.customer, "stop")).json.recording.status).toBe("none");
    await stopped;
    const listed = await s.provider.client.get(`/api/v1/sessions/${s.sessionId}/recordings`);
    expect(listed.json.state.status).toBe("none");
    const files = listed.json.files as { id: string; kind: string; role: string; expiresAt: string; sizeBytes: number }[];
    expect(files.map((f) => `${f.role}:${f.kind}`).sort()).toEqual(["provider:audio", "provider:video"]);
    expect(Date.parse(files[0]!.expiresAt) - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
    expect((await s.customer.client.get(`/api/v1/sessions/${s.sessionId}/recordings`)).json.files).toHaveLength(2);

    // A 5-minute link, for the asker only: played inline, or downloaded as an attachment.
    const video = files.find((f) => f.kind === "video")!;
    const link = await s.customer.client.get(`/api/v1/sessions/${s.sessionId}/recordings/${video.id}/link`);
    expect(Date.parse(link.json.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000 + 1_000);
    const played = await fetch(`${server.url}${link.json.url}`, { headers: { cookie: cookieOf(s.customer.client) } });
    expect(played.status).toBe(200);
    expect(played.headers.get("content-type")).toBe("video/webm");
    const bytes = Buffer.from(await played.arrayBuffer());
    expect(bytes.length).toBe(video.sizeBytes);
    const downloaded = await fetch(`${server.url}${link.json.url}?download=1`, { headers: { cookie: cookieOf(s.customer.client) } });
    expect(downloaded.headers.get("content-disposition")).toContain("attachment");
    await downloaded.arrayBuffer();
    expect((await fetch(`${server.url}${link.json.url}`, { headers: { cookie: cookieOf(s.provider.client) } })).status).toBe(403);
    if (ffprobe) {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tweeps-played-")), "video.webm");
      fs.writeFileSync(file, bytes);
      const { stdout } = await run(ffprobe, ["-v", "error", "-show_entries", "stream=codec_type,codec_name", "-of", "json", file]);
      expect(JSON.parse(stdout).streams).toEqual([{ codec_type: "video", codec_name: "vp8" }]);
    }
    // The session ends; five minutes later the link is over.
    expect((await ask(s.customerSocket, "session:end", { sessionId: s.sessionId })).ok).toBe(true);
    offsetMs += 5 * 60_000 + 1;
    expect((await fetch(`${server.url}${link.json.url}`, { headers: { cookie: cookieOf(s.customer.client) } })).status).toBe(410);

    // Either deletes a file for both.
    expect((await s.provider.client.request("DELETE", `/api/v1/sessions/${s.sessionId}/recordings/${video.id}`)).status).toBe(204);
    expect((await s.customer.client.get(`/api/v1/sessions/${s.sessionId}/recordings`)).json.files.map((f: { kind: string }) => f.kind)).toEqual(["audio"]);
    expect((await s.customer.client.get(`/api/v1/sessions/${s.sessionId}/recordings/${video.id}/link`)).status).toBe(404);

    // After 30 days the rest is gone too.
    // (Read from the database: a sign-in does not last 30 days either.)
    offsetMs += 30 * 24 * 3600 * 1000;
    expect((await listSessionRecordings(server.ctx, { sessionId: s.sessionId, userId: s.customer.user.id })).files).toEqual([]);
    await purgeExpiredRecordings(server.ctx);
    const rows = await server.ctx.db.select().from(recordingFiles).where(eq(recordingFiles.sessionId, s.sessionId));
    expect(rows.every((row) => row.deletedAt !== null)).toBe(true);
    await expect(server.ctx.storage.read(rows[0]!.storageKey)).rejects.toThrow();
    offsetMs = 0;
  }, 60_000);

  it("a recording running when the session ends is stored with the room's close", async () => {
    const s = await videoSession();
    await s.provider.client.post(`/api/v1/sessions/${s.sessionId}/recording`, { action: "ask" });
    expect((await s.customer.client.post(`/api/v1/sessions/${s.sessionId}/recording`, { action: "consent" })).status).toBe(200);
    const receivedThen = s.customerPeer.received.video.length;
    await waitFor(() => s.customerPeer.received.video.length - receivedThen >= 30, "some media to be recorded");
    const stopped = nextEvent(s.customerSocket, "recording:updated", (e) => e.status === "none");
    expect((await ask(s.customerSocket, "session:end", { sessionId: s.sessionId })).ok).toBe(true);
    await stopped;
    const listed = await pollFiles(s.customer.client, s.sessionId, 2);
    expect(listed.map((f) => f.kind).sort()).toEqual(["audio", "video"]);
    // A text session, or an ended one, cannot be recorded.
    expect((await s.customer.client.post(`/api/v1/sessions/${s.sessionId}/recording`, { action: "ask" })).json.error.code).toBe("invalid_state");
  }, 60_000);
});

async function pollFiles(client: { get(path: string): Promise<{ json: { files: { kind: string }[] } }> }, sessionId: string, count: number) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { files } = (await client.get(`/api/v1/sessions/${sessionId}/recordings`)).json;
    if (files.length >= count) return files;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the recording's files were not stored");
}
