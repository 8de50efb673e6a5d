import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium, type Page } from "@playwright/test";
import ts from "typescript";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createJoinToken, type MediaRole } from "../../media/join-token.ts";
import { createMediaServer, type MediaServer, type MediaServerEvent } from "../../media/media-server.ts";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../fixtures/chromium-options.ts";
import { countEvents, waitFor } from "../fixtures/media-test-peer.ts";

// Real browsers on the app's own client code: the one check that what werift answers is what
// Chromium expects (codecs, RTCP feedback, DTLS alerts), and that the video really decodes.
const SECRET = "media-chromium-secret";
const hasChromium = existsSync(CHROMIUM_PATH);

const clientUrl = new URL("../../app/lib/media/connect-to-media-room.ts", import.meta.url);
const page = `<!doctype html><video id="remote" autoplay playsinline muted></video>
<script type="module">import { connectToMediaRoom } from "/client.js"; window.connectToMediaRoom = connectToMediaRoom; window.ended = [];</script>`;

let http: Server;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  const client = ts.transpileModule(readFileSync(clientUrl, "utf8"), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  http = createServer((request, response) => {
    const isClient = request.url === "/client.js";
    response.setHeader("content-type", isClient ? "text/javascript" : "text/html");
    response.end(isClient ? client : page);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  // localhost is a secure context, which getUserMedia needs.
  baseUrl = `http://localhost:${(http.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (http ? http.close(resolve) : resolve(undefined)));
});

describe.skipIf(!hasChromium)("media with Chromium (skipped where /usr/bin/chromium is missing)", () => {
  let media: MediaServer;
  let events: MediaServerEvent[];
  beforeEach(() => {
    events = [];
    media = createMediaServer({ secretKey: SECRET, onEvent: (event) => events.push(event) });
  });
  afterEach(async () => {
    await media.close();
  });

  async function openParty(role: MediaRole, options: { camera: boolean }): Promise<Page> {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.exposeFunction("signalMedia", async (offerSdp: string) => {
      const token = createJoinToken({ secretKey: SECRET, roomId: "room-1", userId: `${role}-user`, role, now: new Date() });
      return (await media.join({ token, offerSdp })).answerSdp;
    });
    await tab.goto(baseUrl);
    await tab.waitForFunction(() => "connectToMediaRoom" in window);
    await tab.evaluate(async (camera) => {
      const w = window as any;
      const localStream = camera ? await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } }) : null;
      w.connection = await w.connectToMediaRoom({
        signal: (offerSdp: string) => w.signalMedia(offerSdp),
        localStream,
        onEnded: (reason: string) => w.ended.push(reason),
      });
      (document.getElementById("remote") as HTMLVideoElement).srcObject = w.connection.remoteStream;
    }, options.camera);
    return tab;
  }

  const decodesVideo = (tab: Page) =>
    tab.waitForFunction(
      () => {
        const video = document.getElementById("remote") as HTMLVideoElement;
        return video.videoWidth > 0 && video.currentTime > 0.3;
      },
      null,
      { timeout: 20_000 },
    );
  const endedReasons = (tab: Page) => tab.evaluate(() => (window as any).ended as string[]);

  it("shows the provider's camera to the customer, and later the customer's to the provider", async () => {
    const provider = await openParty("provider", { camera: true });
    const customer = await openParty("customer", { camera: false });
    await decodesVideo(customer);
    expect(await customer.evaluate(() => (document.getElementById("remote") as HTMLVideoElement).videoWidth)).toBe(640);
    expect(countEvents(events, "provider-media-forwarded")).toBe(1);
    // Chromium negotiates AES-GCM, so after each stream's first packet the SFU forwards on its own path.
    const { forwardedPackets, ownPathPackets } = media.stats();
    expect(ownPathPackets).toBeGreaterThan(0);
    expect(forwardedPackets - ownPathPackets).toBeLessThanOrEqual(2);

    await customer.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 } });
      await (window as any).connection.setSending("video", stream.getVideoTracks()[0]);
    });
    await decodesVideo(provider);
    expect(await customer.evaluate(() => (window as any).connection.pc.signalingState)).toBe("stable");
    expect(countEvents(events, "party-disconnected")).toBe(0);
    await Promise.all([provider.context().close(), customer.context().close()]);
  });

  it("ends both browsers' connections at once on closeRoom, and reports a browser's own close", async () => {
    const provider = await openParty("provider", { camera: true });
    const customer = await openParty("customer", { camera: false });
    await decodesVideo(customer);

    await customer.evaluate(() => (window as any).connection.close());
    await waitFor(() => countEvents(events, "party-disconnected") === 1, "party-disconnected for the customer", 10_000);
    expect(events.find((event) => event.type === "party-disconnected")).toMatchObject({ role: "customer", reason: "closed" });

    const back = await openParty("customer", { camera: false });
    await decodesVideo(back);
    await media.closeRoom("room-1");
    await provider.waitForFunction(() => (window as any).ended.length > 0, null, { timeout: 5_000 });
    await back.waitForFunction(() => (window as any).ended.length > 0, null, { timeout: 5_000 });
    expect(await endedReasons(provider)).toEqual(["closed"]);
    expect(await endedReasons(back)).toEqual(["closed"]);
    expect(countEvents(events, "party-disconnected")).toBe(1);
    await Promise.all([provider.context().close(), customer.context().close(), back.context().close()]);
  });
});
