// What the browser benchmarks share: the production build served by our real server (embedded
// database, demo data, development payments) on a free loopback port, Debian's Chromium with fake
// camera and microphone, demo people logged in, and the moment a page presents a remote frame.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { freePort } from "../tests/fixtures/free-port.ts";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../tests/fixtures/chromium-options.ts";

const DEMO_PASSWORD = "tweeps-demo";

export type BrowserScene = {
  base: string;
  browser: Browser;
  /** A new browser context logged in as the demo person with this phone, in English. */
  openPerson(phone: string, prepare?: (context: BrowserContext) => Promise<void>): Promise<Page>;
  close(): Promise<void>;
};

export async function startBrowserScene(name: string, env: Record<string, string> = {}): Promise<BrowserScene> {
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.error("No production build: run `npm run build` first.");
    process.exit(2);
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `tweeps-${name}-`));
  const server: ChildProcess = spawn(process.execPath, ["server/main.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      DEVELOPMENT_ADAPTERS: "true",
      SEED_DEMO: "true",
      SECRET_KEY: `${name}-benchmark-secret-key-0123456789`,
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      REDIS_URL: "",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  await waitFor(async () => (await fetch(`${base}/healthz`).catch(() => null))?.ok === true, 60_000, "the server to start");
  return {
    base,
    browser,
    async openPerson(phone, prepare) {
      const context = await browser.newContext({ locale: "en-US" });
      await prepare?.(context);
      await context.addCookies([{ name: "tweeps_locale", value: "en", url: base }]);
      const page = await context.newPage();
      const login = await page.request.post(`${base}/api/v1/auth/login`, { data: { phone, password: DEMO_PASSWORD } });
      if (!login.ok()) throw new Error(`login failed for ${phone}: ${await login.text()}`);
      await page.request.patch(`${base}/api/v1/me`, { data: { language: "en" } });
      return page;
    },
    async close() {
      await browser.close();
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        server.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves with Date.now() in the page at the next frame its remote <video> presents. */
export function nextRemoteFrame(page: Page, timeoutMs: number): Promise<number> {
  return page.getByTestId("remote-video").evaluate(
    (video: HTMLVideoElement, timeout) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no remote frame")), timeout);
        video.requestVideoFrameCallback(() => {
          clearTimeout(timer);
          resolve(Date.now());
        });
      }),
    timeoutMs,
  );
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export async function waitFor(check: () => Promise<boolean>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

