import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settleAtEnd } from "../../server/domain/sessions/billing-rules.ts";
import { ask, cookieOf, waitUntil } from "../fixtures/live-fixtures.ts";
import { createTestDatabase } from "../fixtures/test-database.ts";
import { takeDevServerTurn } from "../fixtures/dev-server-turn.ts";
import { freePort } from "../fixtures/free-port.ts";
import { ApiClient } from "../fixtures/test-server.ts";

// docs/architecture.md rule 8: the metering state lives in the database, so a server killed
// mid-session (SIGKILL: no shutdown, no cleanup) and started again charges every block
// exactly once: none twice, none skipped, the ledger still balanced.

const BLOCK_SECONDS = 3;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tweeps-restart-"));
const children: ChildProcess[] = [];
const sockets: Socket[] = [];
let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
let releaseTurn: Awaited<ReturnType<typeof takeDevServerTurn>> | undefined;
beforeAll(async () => {
  releaseTurn = await takeDevServerTurn();
}, 1_000_000);
afterAll(async () => {
  sockets.forEach((socket) => socket.close());
  await releaseTurn?.(children);
  fs.rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
});


async function startProcess(port: number) {
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    NODE_ENV: "development",
    SEED_DEMO: "true",
    LOG_LEVEL: "warn",
    BILLING_BLOCK_SECONDS: String(BLOCK_SECONDS),
    BILLING_VOID_SECONDS: "1",
    SESSION_PARTY_TIMEOUT_SECONDS: "30",
    SHORT_SESSION_SECONDS: "0",
    DATA_DIR: dataDir,
  };
  if (database?.databaseUrl) env.DATABASE_URL = database.databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["server/main.ts"], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`))));
  const healthy = waitUntil(
    () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0),
    (status) => status === 200,
    // A start compiles Next's development server and migrates PGlite: on a loaded 2-core
    // machine that took 95 s once, so the wait is for the condition, generously bounded.
    180_000,
  );
  await Promise.race([healthy, exited]);
  return child;
}

async function login(url: string, phone: string) {
  const client = new ApiClient(url);
  const answer = await client.post("/api/v1/auth/login", { phone, password: "tweeps-demo" });
  expect(answer.status, answer.text).toBe(200);
  await client.patch("/api/v1/me", { language: "en" });
  return client;
}

/** A socket that reconnects by itself, as a browser's does, to the restarted server. */
async function connect(url: string, client: ApiClient) {
  const socket = io(url, { transports: ["websocket"], extraHeaders: { cookie: cookieOf(client) }, reconnectionDelay: 200, reconnectionDelayMax: 500 });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

describe("a server killed mid-session", () => {
  it("resumes metering after a restart with no double and no missed charge", async () => {
    database = await createTestDatabase();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let child = await startProcess(port);

    const customer = await login(url, "+79990000001");
    const provider = await login(url, "+79990000002");
    const moderator = await login(url, "+79990000003");
    const catalog = await customer.get("/api/v1/tweeps?type=consultation");
    const tweep = catalog.json.items[0] as { id: string; textPriceMinor: number };
    const priceMinor = tweep.textPriceMinor;
    // Enough for any number of blocks however slowly this machine restarts: the balance is not under test here.
    expect((await customer.post("/api/v1/wallet/top-ups", { amountMinor: 100 * priceMinor })).status).toBe(201);
    const placed = await customer.post("/api/v1/orders", { tweepId: tweep.id, medium: "text" });
    expect(placed.status, placed.text).toBe(201);
    const orderId = placed.json.order.id as string;
    const balanceAfterOrder = (await customer.get("/api/v1/wallet")).json.balanceMinor as number;

    const customerSocket = await connect(url, customer);
    const providerSocket = await connect(url, provider);
    await provider.request("PUT", "/api/v1/me/status", { status: "available" });
    const started = await ask(customerSocket, "call:start", { orderId });
    expect(started.ok, JSON.stringify(started)).toBe(true);
    const sessionId = started.session.id as string;
    expect((await ask(providerSocket, "call:answer", { sessionId })).ok).toBe(true);
    const beat = setInterval(() => {
      for (const socket of [customerSocket, providerSocket]) {
        if (socket.connected) void ask(socket, "session:heartbeat", { sessionId }).catch(() => {});
      }
    }, 500);
    try {
      await ask(customerSocket, "chat:send", { orderId, body: "first" });
      await ask(customerSocket, "chat:send", { orderId, body: "second: the clock starts" });
      const sessions = () => customer.get(`/api/v1/orders/${orderId}/sessions`).then((r) => r.json?.sessions?.[0]);
      await waitUntil(sessions, (s) => s?.blocksCharged >= 2, 30_000);

      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
      // Down for more than a block: at least one boundary passes while nobody meters.
      await new Promise((resolve) => setTimeout(resolve, (BLOCK_SECONDS + 1) * 1000));
      child = await startProcess(port);

      const resumed = await waitUntil(sessions, (s) => {
        if (!s || s.status !== "live") return false;
        const owedNow = Math.ceil((Date.now() - Date.parse(s.clockStartedAt)) / (BLOCK_SECONDS * 1000));
        return s.blocksCharged >= owedNow - 1 && s.blocksCharged >= 3;
      }, 40_000);
      expect(resumed.status).toBe("live");
      await waitUntil(async () => customerSocket.connected, (connected) => connected, 20_000);
      const ended = await ask(customerSocket, "session:end", { sessionId });
      expect(ended.ok, JSON.stringify(ended)).toBe(true);
      const final = ended.session;
      const expected = settleAtEnd(
        { clockStartedAt: new Date(final.clockStartedAt), usesPrepaidBlock: true, firstSession: true },
        { endedAt: new Date(final.endedAt), endedBy: "customer" },
        { blockSeconds: BLOCK_SECONDS, voidSeconds: 1 },
      );
      expect(final.blocksCharged).toBe(expected.blocksOwed);

      // Block 0 came from the hold, every later one from the balance: exactly once each.
      const wallet = await customer.get("/api/v1/wallet");
      expect(wallet.json.balanceMinor).toBe(balanceAfterOrder - (final.blocksCharged - 1) * priceMinor);
      const verify = await moderator.get("/api/v1/admin/ledger/verify");
      expect(verify.json).toMatchObject({ ok: true, accountsSumMinor: 0 });
    } finally {
      clearInterval(beat);
    }
    // Two process starts, each bounded at 180 s above, and the metering in between.
  }, 600_000);
});
