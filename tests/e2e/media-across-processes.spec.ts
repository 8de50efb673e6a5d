import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import type { Browser, BrowserContext } from "@playwright/test";
import { createClient } from "redis";
import { mediaClusterKeys } from "../../media/cluster/media-cluster-keys.ts";
import { createChildProcesses } from "../fixtures/child-processes.ts";
import { createTestDatabase } from "../fixtures/test-database.ts";
import { demoConsultation, setEnglishLocaleCookie, signUp } from "./helpers.ts";
import { framesDecoded, logInDemoProvider, recordPeerConnections } from "./live-call.ts";
import { freePort } from "../fixtures/free-port.ts";
import type { Person } from "./people.ts";

// SPEC 19, Scale, in the browser: a video call whose parties' pages are on two production app
// processes, with the room on an SFU node of its own (`npm run start:media`). The spec starts
// the three processes itself, on a fresh PostgreSQL database and a fresh Redis prefix: the
// suite's own server (playwright.config.ts) runs on the embedded database, which no second
// process can share. The customer's browser is on app process 1, the provider's on 2.

const databaseServer = process.env.E2E_SCALE_DATABASE_URL;
const redisUrl = process.env.E2E_SCALE_REDIS_URL;
const configured = Boolean(databaseServer && redisUrl);

const VIDEO_PRICE_MINOR = 150_000;
const STOP_GRACE_MS = 15_000;
const prefix = `e2e-nodes-${randomBytes(4).toString("hex")}`;
const keys = mediaClusterKeys(prefix);
const processes = createChildProcesses();
const started: { name: string; child: ChildProcess; output: () => string }[] = [];
let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
let redis: ReturnType<typeof createClient> | undefined;
let node: { id: string; controlUrl: string } | undefined;
let appUrls: [string, string] | undefined;

/** What the three processes share: a production deployment's key, Redis and prefix. */
function deploymentEnv(): Record<string, string | undefined> {
  return {
    ...process.env,
    NODE_ENV: "production",
    // Production refuses to start without real payments and SMS unless told otherwise.
    DEVELOPMENT_ADAPTERS: "true",
    SECRET_KEY: "end-to-end-tests-secret-key-0123456789",
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    // The ready lines ("Tweeps is serving", "SFU node is serving") are logged at info.
    LOG_LEVEL: "info",
  };
}

/** The environment of playwright.config.ts's webServer, on PostgreSQL and Redis. */
function appEnv(port: number, seedDemo: boolean): Record<string, string | undefined> {
  return {
    ...deploymentEnv(),
    HOST: "127.0.0.1",
    PORT: String(port),
    DEV_OUTBOX: "true",
    SEED_DEMO: String(seedDemo),
    DATABASE_URL: database!.databaseUrl,
    // Uploaded files would be on one process's disk; this call uploads none.
    DATA_DIR: "memory://",
    // The app processes' own SFUs stay as a fallback nobody should reach: one worker each.
    MEDIA_WORKERS: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    BILLING_BLOCK_SECONDS: "8",
    BILLING_VOID_SECONDS: "2",
    LOW_BALANCE_WARNING_SECONDS: "5",
    SHORT_SESSION_SECONDS: "3",
    RECONNECT_GRACE_SECONDS: "30",
    APPOINTMENT_LEAD_MINUTES: "0",
    APPOINTMENT_SLOT_MINUTES: "1",
  };
}


async function startApp(name: string, seedDemo: boolean): Promise<string> {
  const port = await freePort();
  const app = await processes.start("server/main.ts", appEnv(port, seedDemo), "Tweeps is serving");
  started.push({ name, child: app.child, output: app.output });
  const url = `http://127.0.0.1:${port}`;
  await expect.poll(async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.status, { timeout: 30_000 }).toBe(200);
  return url;
}

const nodeRooms = async () => ((await (await fetch(`${node!.controlUrl}/healthz`)).json()) as { rooms: number }).rooms;

async function openPersonAt(browser: Browser, baseURL: string, contexts: BrowserContext[]): Promise<Person> {
  const context = await browser.newContext({ baseURL, locale: "en-US", timezoneId: "Europe/Moscow" });
  contexts.push(context);
  await setEnglishLocaleCookie(context, baseURL);
  const page = await context.newPage();
  return { context, page, main: page.getByRole("main"), banner: page.getByRole("banner") };
}

test.describe("a video call across app processes, on an SFU node", () => {
  test.skip(!configured, "needs E2E_SCALE_DATABASE_URL and E2E_SCALE_REDIS_URL (PostgreSQL and Redis shared by the processes)");

  test.beforeAll(async () => {
    if (!configured) return;
    test.setTimeout(240_000);
    const startingAt = Date.now();
    database = await createTestDatabase(databaseServer);
    redis = createClient({ url: redisUrl });
    await redis.connect();
    const sfu = await processes.start(
      "server/media-node.ts",
      { ...deploymentEnv(), MEDIA_NODE_HOST: "127.0.0.1", MEDIA_NODE_PORT: "0", MEDIA_WORKERS: "1" },
      "SFU node is serving",
    );
    started.push({ name: "sfu-node", child: sfu.child, output: sfu.output });
    node = { id: String(sfu.ready.node), controlUrl: String(sfu.ready.control) };
    // The first process migrates the database and seeds the demo; the second starts on both done.
    const first = await startApp("app-1", true);
    const second = await startApp("app-2", false);
    appUrls = [first, second];
    console.info(JSON.stringify({ test: "media-across-processes", startedMs: Date.now() - startingAt }));
  });

  test.afterEach(async () => {
    const testInfo = test.info();
    if (testInfo.status === testInfo.expectedStatus) return;
    for (const { name, output } of started) await testInfo.attach(`${name}.log`, { body: output(), contentType: "text/plain" });
  });

  test.afterAll(async () => {
    test.setTimeout(120_000);
    const stoppingAt = Date.now();
    // Apps first (their sessions close their rooms on the node), then the node.
    const apps = started.filter(({ name }) => name.startsWith("app-"));
    await Promise.all(apps.map(({ child }) => processes.stop(child, STOP_GRACE_MS)));
    await Promise.all(started.filter(({ name }) => !name.startsWith("app-")).map(({ child }) => processes.stop(child, STOP_GRACE_MS)));
    await processes.killAll();
    if (started.length > 0) console.info(JSON.stringify({ test: "media-across-processes", stoppedMs: Date.now() - stoppingAt }));
    await database?.drop();
    if (redis?.isOpen) {
      const own: string[] = [];
      for await (const found of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) own.push(...found);
      if (own.length > 0) await redis.del(own);
      await redis.quit();
    }
  });

  test("the customer on app process 1 and the provider on app process 2 see each other's video through the node", async ({ browser }) => {
    test.setTimeout(150_000);
    const contexts: BrowserContext[] = [];
    try {
      const [customerUrl, providerUrl] = appUrls!;
      const customer = await openPersonAt(browser, customerUrl, contexts);
      const provider = await openPersonAt(browser, providerUrl, contexts);
      await recordPeerConnections(customer);
      await recordPeerConnections(provider);
      await logInDemoProvider(provider);

      // The customer orders the demo consultation's video chat with ten blocks' worth of money.
      await signUp(customer.context.request);
      const topUp = await customer.context.request.post("/api/v1/wallet/top-ups", { data: { amountMinor: 10 * VIDEO_PRICE_MINOR } });
      expect(topUp.ok(), await topUp.text()).toBe(true);
      const tweep = await demoConsultation(customer.context.request);
      await customer.page.goto(`/tweeps/${tweep.id}`);
      const prices = customer.main.getByRole("region", { name: "Prices and ordering" });
      await prices.getByRole("group", { name: "Video chat" }).getByRole("button", { name: "Order" }).click();
      await customer.page.getByRole("dialog", { name: "Confirm order" }).getByRole("button", { name: "Pay and order" }).click();
      await expect(customer.page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);

      // The ring crosses from process 1 to process 2, the answer back.
      const startChat = customer.main.getByRole("button", { name: "Start chat" });
      await expect(startChat).toBeEnabled();
      await startChat.click();
      const calls = provider.page.getByRole("region", { name: "Incoming calls" });
      await calls.getByRole("button", { name: "Answer" }).click();
      await expect(provider.page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
      await expect(customer.page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
      const sessionId = customer.page.url().split("/sessions/")[1]!;
      expect(provider.page.url().split("/sessions/")[1]).toBe(sessionId);

      const callStarted = Date.now();
      await provider.main.getByRole("button", { name: "Start session" }).click();
      await expect.poll(() => framesDecoded(customer.page), { timeout: 30_000 }).toBeGreaterThanOrEqual(30);
      const toCustomerMs = Date.now() - callStarted;

      // The node carries the room: placed there in the directory, open there now.
      expect(await redis!.get(keys.room(sessionId))).toBe(node!.id);
      expect(await redis!.sIsMember(keys.nodeRooms(node!.id), sessionId)).toBe(1);
      expect(await nodeRooms()).toBeGreaterThanOrEqual(1);

      expect(await framesDecoded(provider.page)).toBe(0);
      const cameraOn = Date.now();
      await customer.main.getByRole("button", { name: "Turn camera on" }).click();
      await expect.poll(() => framesDecoded(provider.page), { timeout: 30_000 }).toBeGreaterThanOrEqual(30);
      const toProviderMs = Date.now() - cameraOn;
      await expect(customer.main.getByRole("button", { name: "Turn camera off" })).toBeVisible();
      // Still the node's room, both ways.
      expect(await redis!.get(keys.room(sessionId))).toBe(node!.id);

      const frames = { customer: await framesDecoded(customer.page), provider: await framesDecoded(provider.page) };
      console.info(JSON.stringify({ test: "media-across-processes", node: node!.id, framesDecoded: frames, toCustomerMs, toProviderMs }));

      // The customer ends it on process 1: the provider's page on process 2 learns it, and the
      // node's room closes.
      await customer.main.getByRole("button", { name: "End session" }).click();
      await expect(customer.main.getByTestId("session-ended")).toBeVisible();
      await expect(provider.main.getByTestId("session-ended")).toBeVisible();
      await expect.poll(() => nodeRooms(), { timeout: 15_000 }).toBe(0);
      // The directory forgets the room on the node; its placement only lingers, to expire.
      await expect.poll(() => redis!.sIsMember(keys.nodeRooms(node!.id), sessionId), { timeout: 15_000 }).toBe(0);
      expect(await redis!.pTTL(keys.room(sessionId))).toBeGreaterThan(0);
    } finally {
      await Promise.all(contexts.map((context) => context.close()));
    }
  });
});
