// Scale (SPEC 19): how the CPU per operation changes when a process is added. Call set-ups
// through one app process, then through two behind Redis (customers on one, providers on the
// other, so every call crosses processes); then video forwarded through one SFU node, then two
// (rooms spread by placement). The app processes and nodes are children (their CPU is read from
// /proc); the load comes from other processes. Progress on stderr, then one JSON line.
//   npm run bench:scale   (PostgreSQL at DATABASE_URL, Redis at REDIS_URL, local defaults;
//                          BENCH_SECONDS=10 BENCH_PAIRS=32 BENCH_MEDIA_SESSIONS=6 BENCH_MEDIA_SECONDS=10)
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import { createClient } from "redis";
import { runMaintenanceStatement as admin } from "../db/run-maintenance-statement.ts";
import { createRoutedMediaServer } from "../media/cluster/create-routed-media-server.ts";
import { mediaClusterKeys } from "../media/cluster/media-cluster-keys.ts";
import { listLiveMediaNodes } from "../media/cluster/media-node-directory.ts";
import { createJoinToken } from "../media/join-token.ts";
import { createMediaServer } from "../media/media-server.ts";
import { loadConfig } from "../server/env.ts";
import { createLogger } from "../server/logger.ts";
import { startServer } from "../server/start-server.ts";
import { createChildProcesses } from "../tests/fixtures/child-processes.ts";
import { createTestPeer, pumpRtp, type TestPeer, waitFor } from "../tests/fixtures/media-test-peer.ts";
import type { LoadReport } from "./call-setups-load.ts";
import { setUpCallPlan } from "./call-setups-plan.ts";
import { readProcessCpuMs } from "./process-cpu.ts";
import { nextMessage } from "./next-message.ts";

const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const pairs = Number(process.env.BENCH_PAIRS ?? 32);
const mediaSessions = Number(process.env.BENCH_MEDIA_SESSIONS ?? 6);
const mediaSeconds = Number(process.env.BENCH_MEDIA_SECONDS ?? 10);
const secretKey = `scale-benchmark-secret-${randomBytes(12).toString("hex")}`;
const PHASE_TIMEOUT_MS = 120_000 + seconds * 2_000;
const IDLE_SECONDS = 5;

const processes = createChildProcesses();
const baseEnv = {
  ...process.env,
  NODE_ENV: "production",
  DEVELOPMENT_ADAPTERS: "true",
  SECRET_KEY: secretKey,
  HOST: "127.0.0.1",
  PORT: "0",
  LOG_LEVEL: "warn",
  SEED_DEMO: "false",
  DATA_DIR: "memory://",
  REDIS_URL: redisUrl,
};

try {
  const oneApp = await measureCallSetups(1);
  const twoApps = await measureCallSetups(2);
  const oneNode = await measureForwarding(1);
  const twoNodes = await measureForwarding(2);
  console.log(
    JSON.stringify({
      bench: "scale",
      callSetups: {
        oneProcess: oneApp,
        twoProcesses: twoApps,
        cpuPerSetupChangePct: changePct(oneApp.serverCpuMsPerSetup, twoApps.serverCpuMsPerSetup),
        marginalCpuPerSetupChangePct: changePct(oneApp.marginalCpuMsPerSetup, twoApps.marginalCpuMsPerSetup),
        targetChangePct: 20,
      },
      sfu: { oneNode, twoNodes, cpuPerPacketChangePct: changePct(oneNode.sfuCpuMicrosPerPacket, twoNodes.sfuCpuMicrosPerPacket) },
      loadAverage1m: round(os.loadavg()[0]!, 2),
    }),
  );
} finally {
  await processes.killAll();
}

/** Call set-ups per second and app CPU per set-up with `apps` app processes on one database and Redis. */
async function measureCallSetups(apps: 1 | 2) {
  const dbName = `tweeps_bench_${randomBytes(4).toString("hex")}`;
  await admin(serverUrl, `CREATE DATABASE ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const prefix = `bench-scale-${randomBytes(4).toString("hex")}`;
  const started: { child: ChildProcess; url: string }[] = [];
  try {
    // The pairs are written through a server of this process (migrating the database), closed
    // before the measured processes start.
    const setup = await startServer(loadConfig({ ...baseEnv, DATABASE_URL: databaseUrl, REDIS_URL: undefined, REDIS_PREFIX: prefix }), { logger: createLogger("warn") });
    for (let i = 0; i < apps; i++) {
      const app = await processes.start("tests/fixtures/api-process.ts", { ...baseEnv, DATABASE_URL: databaseUrl, REDIS_PREFIX: prefix });
      started.push({ child: app.child, url: `http://127.0.0.1:${String(app.ready.port)}` });
    }
    const plan = await setUpCallPlan(setup.ctx, { url: started[0]!.url, providerUrl: started.at(-1)!.url, pairs, idleUsers: 1, idleSockets: 0, seconds, warmupSeconds: 2 });
    await setup.close();
    console.error(`call set-ups through ${apps} app process${apps === 1 ? "" : "es"}: ${pairs} pairs for ${seconds} s…`);
    const load = fork(new URL("./call-setups-load.ts", import.meta.url), [], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    try {
      load.send({ kind: "plan", plan });
      await nextMessage(load, "pairs-connected", PHASE_TIMEOUT_MS);
      load.send({ kind: "connect-idle" });
      await nextMessage(load, "idle-connected", PHASE_TIMEOUT_MS);
      // The processes' own cost with every pair connected and nobody calling (loops, heartbeats,
      // Redis readers), so the cost of a set-up itself can be told from it.
      const idleBefore = started.map(({ child }) => cpuMsOf(child));
      const idleStartedAt = performance.now();
      await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
      const idleCpuMs = started.reduce((sum, { child }, i) => sum + cpuMsOf(child) - idleBefore[i]!, 0);
      const idleCpuMsPerSecond = idleCpuMs / ((performance.now() - idleStartedAt) / 1000);
      load.send({ kind: "run" });
      await nextMessage(load, "measuring", PHASE_TIMEOUT_MS);
      const before = started.map(({ child }) => cpuMsOf(child));
      const report = (await nextMessage(load, "report", PHASE_TIMEOUT_MS)) as LoadReport;
      const cpuMs = started.reduce((sum, { child }, i) => sum + cpuMsOf(child) - before[i]!, 0);
      console.error(`  ${report.setups} set-ups, ${report.failures} failures, ${Math.round(cpuMs)} ms of app CPU`);
      return {
        processes: apps,
        setupsPerSecond: Math.round(report.setups / report.seconds),
        p50Ms: round(report.p50Ms, 1),
        p99Ms: round(report.p99Ms, 1),
        failures: report.failures,
        serverCpuMsPerSetup: report.setups > 0 ? round(cpuMs / report.setups, 2) : null,
        idleCpuMsPerSecond: round(idleCpuMsPerSecond, 1),
        // The set-up's own cost: the window's CPU less what the processes spend idle.
        marginalCpuMsPerSetup: report.setups > 0 ? round(Math.max(0, cpuMs - idleCpuMsPerSecond * report.seconds) / report.setups, 2) : null,
      };
    } finally {
      load.send({ kind: "close" });
      await Promise.race([new Promise((resolve) => load.once("exit", resolve)), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (load.exitCode === null) load.kill();
    }
  } finally {
    for (const { child } of started) await processes.kill(child, "SIGTERM");
    await admin(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

/**
 * SFU CPU per forwarded packet with `nodes` SFU nodes (each its SFU in its own process, so /proc
 * reads all of it): `mediaSessions` two-way video sessions placed by the app's routing.
 */
async function measureForwarding(nodes: 1 | 2) {
  const prefix = `bench-scale-${randomBytes(4).toString("hex")}`;
  const keys = mediaClusterKeys(prefix);
  const redis = createClient({ url: redisUrl });
  await redis.connect();
  const started: { child: ChildProcess; controlUrl: string }[] = [];
  const peers: TestPeer[] = [];
  const pumps: { stop(): void }[] = [];
  const local = createMediaServer({ secretKey, onEvent: () => undefined });
  const routed = createRoutedMediaServer({ redis, keys, secretKey, local, onEvent: () => undefined, onRoomLost: async () => undefined, logger: createLogger("warn") });
  try {
    for (let i = 0; i < nodes; i++) {
      const node = await processes.start(
        "server/media-node.ts",
        { ...baseEnv, LOG_LEVEL: "info", REDIS_PREFIX: prefix, MEDIA_NODE_HOST: "127.0.0.1", MEDIA_NODE_PORT: "0", MEDIA_WORKERS: "0" },
        "SFU node is serving",
      );
      started.push({ child: node.child, controlUrl: String(node.ready.control) });
    }
    const deadline = Date.now() + 10_000;
    while ((await listLiveMediaNodes(redis, keys, Date.now())).length < nodes && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    console.error(`video through ${nodes} SFU node${nodes === 1 ? "" : "s"}: ${mediaSessions} two-way sessions for ${mediaSeconds} s…`);
    for (let s = 0; s < mediaSessions; s++) {
      const roomId = randomUUID();
      const pair: TestPeer[] = [];
      for (const role of ["provider", "customer"] as const) {
        const peer = await createTestPeer();
        peers.push(peer);
        pair.push(peer);
        const token = createJoinToken({ secretKey, roomId, userId: `${role}-${s}`, role, now: new Date() });
        await peer.accept((await routed.join({ token, offerSdp: peer.offerSdp })).answerSdp);
      }
      await waitFor(() => pair.every((peer) => peer.pc.connectionState === "connected"), "a session's peers to connect", 30_000);
      for (const peer of pair) pumps.push(pumpRtp(await peer.startSending("video"), "video", { intervalMs: 20 }));
    }
    // Let every room forward before measuring.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const readNodes = async () =>
      Promise.all(started.map(async ({ child, controlUrl }) => ({ cpuMs: cpuMsOf(child), ...((await (await fetch(`${controlUrl}/healthz`)).json()) as { rooms: number; forwardedPackets: number }) })));
    const before = await readNodes();
    await new Promise((resolve) => setTimeout(resolve, mediaSeconds * 1000));
    const after = await readNodes();
    const cpuMs = after.reduce((sum, node, i) => sum + node.cpuMs - before[i]!.cpuMs, 0);
    const forwarded = after.reduce((sum, node, i) => sum + node.forwardedPackets - before[i]!.forwardedPackets, 0);
    console.error(`  rooms per node ${after.map((node) => node.rooms).join("/")}, ${forwarded} packets forwarded, ${Math.round(cpuMs)} ms of SFU CPU`);
    return {
      nodes,
      sessions: mediaSessions,
      roomsPerNode: after.map((node) => node.rooms),
      forwardedPps: Math.round(forwarded / mediaSeconds),
      sfuCpuMicrosPerPacket: forwarded > 0 ? round((cpuMs * 1000) / forwarded, 1) : null,
    };
  } finally {
    pumps.forEach((pump) => pump.stop());
    await Promise.all(peers.map((peer) => peer.close()));
    await routed.close();
    for (const { child } of started) await processes.kill(child, "SIGTERM");
    await redis.quit();
  }
}

function changePct(one: number | null, two: number | null) {
  return one && two ? round(((two - one) / one) * 100, 1) : null;
}

function round(value: number, digits: number) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function cpuMsOf(child: ChildProcess): number {
  const cpuMs = readProcessCpuMs([child.pid!]);
  if (cpuMs === null) throw new Error("bench:scale reads CPU from /proc: Linux only");
  return cpuMs;
}
