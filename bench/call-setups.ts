// Call set-ups per second through the real server: Socket.IO with cookie authentication,
// the domain and the database in the path. A customer emits call:start (ack), the provider
// receives call:ringing and emits call:answer (ack), and both receive call:answered; only
// that stretch is timed. Each answered call is then ended (session:end) before the pair
// rings again, because an order has one call at a time and a provider one live session.
// The sockets live in a child process, so the server's CPU and memory are its own; 5,000
// extra idle sockets (heartbeating like open pages) are connected first, and the server's
// RSS growth across them is reported. Prints progress on stderr, then one JSON line.
//   npm run bench:calls                       (PostgreSQL at DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
//   BENCH_DATABASE=pglite npm run bench:calls (the embedded database, in memory)
//   BENCH_SECONDS=10 BENCH_PAIRS=64 BENCH_IDLE_SOCKETS=5000 BENCH_IDLE_USERS=250 npm run bench:calls
// With REDIS_URL set, the server uses Redis for presence and the Socket.IO adapter.
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { runMaintenanceStatement as admin } from "../db/run-maintenance-statement.ts";
import { loadConfig } from "../server/env.ts";
import { createLogger } from "../server/logger.ts";
import { startServer } from "../server/start-server.ts";
import type { LoadReport } from "./call-setups-load.ts";
import { setUpCallPlan } from "./call-setups-plan.ts";
import { nextMessage } from "./next-message.ts";

const usePglite = process.env.BENCH_DATABASE === "pglite";
const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const pairs = Number(process.env.BENCH_PAIRS ?? 64);
const idleSockets = Number(process.env.BENCH_IDLE_SOCKETS ?? 5_000);
const idleUsers = Math.max(1, Math.min(idleSockets, Number(process.env.BENCH_IDLE_USERS ?? 250)));
// Generous bounds: a stuck server must end the run, not hang it.
const PHASE_TIMEOUT_MS = 120_000 + seconds * 2_000;

const dbName = `tweeps_bench_${randomBytes(4).toString("hex")}`;
let databaseUrl: string | undefined;
if (!usePglite) {
  await admin(serverUrl, `CREATE DATABASE ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  databaseUrl = url.toString();
}

const config = loadConfig({
  NODE_ENV: "production",
  DEVELOPMENT_ADAPTERS: "true",
  SECRET_KEY: "call-setups-benchmark-secret-key-0123456789",
  PORT: "0",
  HOST: "127.0.0.1",
  LOG_LEVEL: "warn",
  SEED_DEMO: "false",
  DATA_DIR: "memory://",
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  REDIS_PREFIX: `bench-${randomBytes(4).toString("hex")}`,
});
const server = await startServer(config, {
  logger: createLogger("warn"),
});
const load = fork(new URL("./call-setups-load.ts", import.meta.url), [], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
try {
  console.error(`server on ${server.url} (${server.dialect}${config.redisUrl ? " + Redis" : ""}); setting up ${pairs} pairs and ${idleUsers} idle users…`);
  const plan = await setUpCallPlan(server.ctx, { url: server.url, pairs, idleUsers, idleSockets, seconds, warmupSeconds });

  load.send({ kind: "plan", plan });
  await nextMessage(load, "pairs-connected", PHASE_TIMEOUT_MS);
  const rssBefore = settledRss();
  console.error(`pairs connected; server RSS ${mb(rssBefore)} MB; connecting ${idleSockets} idle sockets…`);
  load.send({ kind: "connect-idle" });
  const idle = (await nextMessage(load, "idle-connected", PHASE_TIMEOUT_MS)) as { connected: number };
  // Give the connection bursts' garbage a moment to be collected before reading RSS.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const rssAfter = settledRss();
  console.error(`${idle.connected} idle sockets connected; server RSS ${mb(rssAfter)} MB`);

  console.error(`calling for ${seconds} s with ${pairs} concurrent pairs (after ${warmupSeconds} s of warm-up)…`);
  load.send({ kind: "run" });
  await nextMessage(load, "measuring", PHASE_TIMEOUT_MS);
  const cpuBefore = process.cpuUsage();
  const report = (await nextMessage(load, "report", PHASE_TIMEOUT_MS)) as LoadReport & { kind: string };
  const cpu = process.cpuUsage(cpuBefore);
  const serverCpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.error(`server CPU ${serverCpuSeconds.toFixed(1)} s over ${report.seconds.toFixed(1)} s; failures ${report.failures}`);
  if (report.firstError) console.error(`first failure: ${report.firstError}`);

  console.log(
    JSON.stringify({
      bench: "call-setups",
      database: server.dialect,
      redis: Boolean(config.redisUrl),
      seconds: round(report.seconds, 1),
      pairs,
      setups: report.setups,
      setupsPerSecond: Math.round(report.setups / report.seconds),
      p50Ms: round(report.p50Ms, 1),
      p99Ms: round(report.p99Ms, 1),
      failures: report.failures,
      idleSockets: idle.connected,
      rssMbPerIdleSocket: idle.connected > 0 ? round((rssAfter - rssBefore) / 1e6 / idle.connected, 4) : null,
      serverCpuMsPerSetup: report.setups > 0 ? round((serverCpuSeconds * 1000) / report.setups, 2) : null,
    }),
  );
} finally {
  load.send({ kind: "close" });
  await Promise.race([new Promise((resolve) => load.once("exit", resolve)), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (load.exitCode === null) load.kill();
  // The disconnects' presence updates are still in flight; closing Redis under them only logs noise.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await server.close();
  if (!usePglite) await admin(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}


function settledRss(): number {
  // With --expose-gc (the npm script passes it), RSS is read after a full collection.
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

function mb(bytes: number) {
  return Math.round(bytes / 1e6);
}

function round(value: number, digits: number) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
