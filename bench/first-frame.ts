// Time from the provider's "Answer" click to the customer's first decoded remote video
// frame (requestVideoFrameCallback), in Chromium with fake camera and microphone, through
// the production build, our Socket.IO server and our SFU on loopback. Prints progress,
// then one JSON line.
//   npm run build && npm run bench:first-frame        (BENCH_TRIALS=10)
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../tests/fixtures/chromium-options.ts";

const trials = Number(process.env.BENCH_TRIALS ?? 10);
const DEMO_PASSWORD = "tweeps-demo";
const TRIAL_TIMEOUT_MS = 30_000;

if (!fs.existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(2);
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tweeps-first-frame-"));
const server = spawn(process.execPath, ["server/main.ts"], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    DEVELOPMENT_ADAPTERS: "true",
    SEED_DEMO: "true",
    SECRET_KEY: "first-frame-benchmark-secret-key-0123456789",
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    REDIS_URL: "",
    LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
});

try {
  await waitFor(async () => (await fetch(`${base}/healthz`).catch(() => null))?.ok === true, 60_000, "the server to start");
  console.error(`server up on ${base}; ${trials} trials`);
  const provider = await openPerson("+79990000002");
  const customer = await openPerson("+79990000001");
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
    const firstFrameAt = await firstRemoteFrame(customer);
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
  const sorted = [...results].sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  console.log(JSON.stringify({ benchmark: "first-frame", trials: results.length, p50Ms: pick(0.5), p95Ms: pick(0.95), minMs: sorted[0], maxMs: sorted.at(-1) }));
} finally {
  await browser.close();
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}

type Marks = { created?: number; gathered?: number; answered?: number; connected?: number };

async function openPerson(phone: string): Promise<Page> {
  const context = await browser.newContext({ locale: "en-US" });
  // Marks the life of each page's peer connection, for the per-trial breakdown.
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
  await context.addCookies([{ name: "tweeps_locale", value: "en", url: base }]);
  const page = await context.newPage();
  const login = await page.request.post(`${base}/api/v1/auth/login`, { data: { phone, password: DEMO_PASSWORD } });
  if (!login.ok()) throw new Error(`login failed for ${phone}: ${await login.text()}`);
  await page.request.patch(`${base}/api/v1/me`, { data: { language: "en" } });
  return page;
}

function readMarks(page: Page): Promise<Marks> {
  return page.evaluate(() => ({ ...((window as unknown as { __marks?: Record<string, number> }).__marks ?? {}) }));
}

/** Resolves with Date.now() in the page at the first frame the remote <video> presents. */
function firstRemoteFrame(page: Page): Promise<number> {
  return page.getByTestId("remote-video").evaluate(
    (video: HTMLVideoElement, timeoutMs) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no remote frame")), timeoutMs);
        video.requestVideoFrameCallback(() => {
          clearTimeout(timer);
          resolve(Date.now());
        });
      }),
    TRIAL_TIMEOUT_MS,
  );
}

async function waitFor(check: () => Promise<boolean>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port: free } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}
