// Time from the provider's "Answer" click to the customer's first decoded remote video
// frame (requestVideoFrameCallback), in Chromium with fake camera and microphone, through
// the production build, our Socket.IO server and our SFU on loopback. Prints progress,
// then one JSON line.
//   npm run build && npm run bench:first-frame        (BENCH_TRIALS=10)
import type { BrowserContext, Page } from "playwright-core";
import { nextRemoteFrame, quantile, startBrowserScene } from "./browser-scene.ts";

const trials = Number(process.env.BENCH_TRIALS ?? 10);
const TRIAL_TIMEOUT_MS = 30_000;

const scene = await startBrowserScene("first-frame");
const base = scene.base;

try {
  console.error(`server up on ${base}; ${trials} trials`);
  const provider = await scene.openPerson("+79990000002", markPeerConnections);
  const customer = await scene.openPerson("+79990000001", markPeerConnections);
  await provider.goto(`${base}/sales`);
  await provider.getByRole("banner").getByLabel("Status").selectOption("available");

  // One order; every trial is a new session of it, and each later session pays a block at once.
  await customer.request.post(`${base}/api/v1/wallet/top-ups`, { data: { amountMinor: 200_000 * (trials + 1) } });
  const tweeps = await (await customer.request.get(`${base}/api/v1/tweeps?type=consultation`)).json();
  const placed = await customer.request.post(`${base}/api/v1/orders`, { data: { tweepId: tweeps.items[0].id, medium: "video" } });
  const orderId = (await placed.json()).order.id as string;

  const results: number[] = [];
  for (let trial = 1; trial <= trials; trial += 1) {
    await customer.goto(`${base}/orders/${orderId}`);
    await customer.getByRole("button", { name: "Start chat" }).click({ timeout: TRIAL_TIMEOUT_MS });
    const answer = provider.getByRole("region", { name: "Incoming calls" }).getByRole("button", { name: "Answer" });
    await answer.waitFor({ timeout: TRIAL_TIMEOUT_MS });
    const answeredAt = await provider.evaluate(() => Date.now());
    await answer.click();
    await provider.getByRole("button", { name: "Start session" }).click({ timeout: TRIAL_TIMEOUT_MS });
    const startClickedAt = await provider.evaluate(() => Date.now());
    await customer.waitForURL(/\/sessions\//, { timeout: TRIAL_TIMEOUT_MS });
    const firstFrameAt = await nextRemoteFrame(customer, TRIAL_TIMEOUT_MS);
    const ms = firstFrameAt - answeredAt;
    results.push(ms);
    // Where the time went, each mark in ms after the Answer click (both pages share the clock).
    const [providerMarks, customerMarks] = await Promise.all([readMarks(provider), readMarks(customer)]);
    const since = (at: number | undefined) => (at === undefined ? "–" : String(at - answeredAt));
    console.error(
      `trial ${trial}: ${ms} ms | provider: start clicked ${since(startClickedAt)}, peer ${since(providerMarks.created)}, ` +
        `gathered ${since(providerMarks.gathered)}, answer ${since(providerMarks.answered)}, connected ${since(providerMarks.connected)} | ` +
        `customer: peer ${since(customerMarks.created)}, answer ${since(customerMarks.answered)}, connected ${since(customerMarks.connected)}, first frame ${ms}`,
    );
    await customer.getByRole("button", { name: "End session" }).click();
    await customer.getByTestId("session-ended").waitFor({ timeout: TRIAL_TIMEOUT_MS });
    await provider.goto(`${base}/sales`);
  }
  console.log(
    JSON.stringify({
      benchmark: "first-frame",
      trials: results.length,
      p50Ms: quantile(results, 0.5),
      p95Ms: quantile(results, 0.95),
      minMs: Math.min(...results),
      maxMs: Math.max(...results),
    }),
  );
} finally {
  await scene.close();
}

type Marks = { created?: number; gathered?: number; answered?: number; connected?: number };

/** Marks the life of each page's peer connection, for the per-trial breakdown. */
async function markPeerConnections(context: BrowserContext) {
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const marks: Record<string, number> = {};
    (window as unknown as { __marks: Record<string, number> }).__marks = marks;
    window.RTCPeerConnection = class extends Native {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        marks.created = Date.now();
        this.addEventListener("icegatheringstatechange", () => {
          if (this.iceGatheringState === "complete") marks.gathered = Date.now();
        });
        this.addEventListener("connectionstatechange", () => {
          if (this.connectionState === "connected") marks.connected = Date.now();
        });
      }
      override setRemoteDescription(description: RTCSessionDescriptionInit) {
        marks.answered = Date.now();
        return super.setRemoteDescription(description);
      }
    } as typeof RTCPeerConnection;
  });
}

function readMarks(page: Page): Promise<Marks> {
  return page.evaluate(() => ({ ...((window as unknown as { __marks?: Record<string, number> }).__marks ?? {}) }));
}
