import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { takeDevServerTurn } from "../fixtures/dev-server-turn.ts";
import { ApiClient } from "../fixtures/test-server.ts";

// The newcomer's `npm start`, as a real process: embedded PGlite under DATA_DIR, demo
// data, SIGTERM, and a second start that keeps the data.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tweeps-process-"));
const children: ChildProcess[] = [];
let releaseTurn: Awaited<ReturnType<typeof takeDevServerTurn>> | undefined;
beforeAll(async () => {
  releaseTurn = await takeDevServerTurn();
}, 1_000_000);
afterAll(async () => {
  await releaseTurn?.(children);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function startProcess() {
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: "0",
    DATA_DIR: dataDir,
    NODE_ENV: "development",
    LOG_LEVEL: "info",
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.SEED_DEMO;
  const child = spawn(process.execPath, ["server/main.ts"], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 180 s:\n${output}`)), 180_000);
    child.stdout!.on("data", () => {
      const match = output.match(/"url":"(http:\/\/localhost:\d+)"/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

function exitOf(child: ChildProcess) {
  return new Promise<{ code: number | null; ms: number }>((resolve) => {
    const started = Date.now();
    child.once("exit", (code) => resolve({ code, ms: Date.now() - started }));
  });
}

describe("the server process", () => {
  it("starts on the embedded default with the demo, stops on SIGTERM, and keeps data across restarts", async () => {
    const first = await startProcess();
    expect(first.output()).toContain("+79990000001");
    expect(first.output()).toContain("tweeps-demo");

    const customer = new ApiClient(first.url);
    expect((await customer.post("/api/v1/auth/login", { phone: "+79990000001", password: "tweeps-demo" })).status).toBe(200);
    expect((await customer.get("/api/v1/wallet")).json.balanceMinor).toBe(500_000);
    await customer.post("/api/v1/wallet/top-ups", { amountMinor: 12_345 });
    const tweeps = await customer.get("/api/v1/tweeps");
    expect(tweeps.json.items.map((t: { type: string }) => t.type).sort()).toEqual(["consultation", "files", "work"]);

    const exited = exitOf(first.child);
    first.child.kill("SIGTERM");
    const { code, ms } = await exited;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);

    const second = await startProcess();
    const again = new ApiClient(second.url);
    expect((await again.post("/api/v1/auth/login", { phone: "+79990000001", password: "tweeps-demo" })).status).toBe(200);
    // The top-up survived, and the demo was not seeded twice.
    expect((await again.get("/api/v1/wallet")).json.balanceMinor).toBe(512_345);
    expect((await again.get("/api/v1/tweeps")).json.items).toHaveLength(3);
    const stopped = exitOf(second.child);
    second.child.kill("SIGINT");
    expect((await stopped).code).toBe(0);
    // Two starts (PGlite migrations, Next's development server) on a possibly loaded machine.
  }, 600_000);
});
