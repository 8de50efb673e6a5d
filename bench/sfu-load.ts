// SFU load: N concurrent 1:1 sessions through createMediaServer, each with audio (50 packets/s of
// 160 bytes) and video (60 packets/s of 1,100 bytes) in both directions. N rises in steps until
// SFU-added loss reaches 0.1 % or the added p99 latency passes 10 ms. The SFU runs alone in its
// process and reports its own CPU time; the load comes from generator processes (see
// sfu-load-generator.ts). Progress on stderr, then one JSON line.
//   npm run bench:sfu     (BENCH_SECONDS=8 BENCH_SESSIONS_START=4 BENCH_SESSIONS_STEP=4
//                          BENCH_SESSIONS_MAX=80 BENCH_GENERATORS=1 BENCH_MAX_SECONDS=300
//                          BENCH_IDLE_SECONDS=5 BENCH_CPU_PROFILE_DIR=<dir> writes the SFU's .cpuprofile there)
//   npm run bench:sfu -- --steps 4,12,24   runs exactly those session counts, whether or not they
//                          pass, and lists every step in the JSON line (for repeated, comparable runs)
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { MEDIA_PROCESS_NODE_FLAGS } from "../media/media-process-flags.ts";
import {
  type GeneratorCommand,
  type GeneratorEvent,
  type GeneratorReport,
  readQuantileMs,
  type SfuReply,
  type SfuRequest,
  type SfuSample,
} from "./sfu-load-protocol.ts";

const seconds = readNumber("BENCH_SECONDS", 8);
const marginMs = readNumber("BENCH_MARGIN_MS", 1_500);
const firstSessions = readNumber("BENCH_SESSIONS_START", 4);
const sessionStep = readNumber("BENCH_SESSIONS_STEP", 4);
const maxSessions = readNumber("BENCH_SESSIONS_MAX", 80);
const generatorCount = readNumber("BENCH_GENERATORS", 1);
const maxRunMs = readNumber("BENCH_MAX_SECONDS", 300) * 1_000;
const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
const idleSeconds = readNumber("BENCH_IDLE_SECONDS", 5);
const fixedSteps = readSteps(process.argv.slice(2));
const MAX_LOSS_PCT = 0.1;
const MAX_P99_MS = 10;
const DRAIN_MS = 500;
const SETTLE_MS = 2_000;
const IPC_TIMEOUT_MS = 120_000;

const secret = randomBytes(24).toString("base64url");
const env = { ...process.env, BENCH_SECRET: secret };
const runStartedAt = performance.now();

const sfu = fork(new URL("./sfu-load-sfu.ts", import.meta.url), {
  env,
  // The flags a media worker runs with; BENCH_SFU_NODE_OPTIONS come after them, so they can override.
  execArgv: [...MEDIA_PROCESS_NODE_FLAGS, ...(process.env.BENCH_SFU_NODE_OPTIONS?.split(" ").filter(Boolean) ?? []), ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [])],
  stdio: ["ignore", process.env.BENCH_SFU_STDOUT === "1" ? "inherit" : "ignore", "inherit", "ipc"],
});
const generators = Array.from({ length: generatorCount }, () =>
  fork(new URL("./sfu-load-generator.ts", import.meta.url), { env, stdio: ["ignore", "ignore", "inherit", "ipc"] }),
);

type StepResult = {
  sessions: number;
  forwardedPps: number;
  sfuCpuMicrosPerPacket: number;
  /** The kernel's share (mostly sending: on loopback, sendmsg also delivers to the receiver). */
  sfuSystemMicrosPerPacket: number;
  addedLatencyP50Ms: number;
  addedLatencyP99Ms: number;
  addedLatencyP999Ms: number;
  /**
   * The SFU's CPU with every session connected and no media flowing, less its CPU with no session,
   * per session (% of a core). Both are measured with the loop-delay histogram off (sfu-load-sfu.ts).
   */
  idleCpuPctPerSession: number;
  /** Garbage collections in the SFU over the measured window, and the time they paused it. */
  gcCount: number;
  gcPauseMs: number;
  /** Loopback between two generator sockets, no SFU: the machine's own floor at that moment. */
  directP99Ms: number;
  /** The SFU's event-loop delay over the measured window. */
  sfuLoopDelayP99Ms: number;
  sfuLoopDelayMaxMs: number;
  lossPct: number;
  generatorCpuPct: number;
  /** Packets the generator sent more than 5 ms after their schedule (its own lag, not counted as latency). */
  generatorLateSends: number;
};

let nextRequestId = 0;
const sfuWaiters = new Map<number, (reply: Extract<SfuReply, { type: "reply" }>) => void>();
const sfuReady = new Promise<void>((resolve, reject) => {
  sfu.on("message", (reply: SfuReply) => {
    if (reply.type === "ready") resolve();
    else sfuWaiters.get(reply.id)?.(reply);
  });
  sfu.once("exit", (code) => reject(new Error(`the SFU process exited (${code})`)));
});

for (const generator of generators) {
  generator.on("message", (event: GeneratorEvent) => {
    if (event.type !== "join") return;
    void askSfu({ type: "join", id: nextRequestId++, token: event.token, offerSdp: event.offerSdp }).then(
      (reply) => generator.send({ type: "join-reply", id: event.id, answerSdp: reply.answerSdp, error: reply.error } satisfies GeneratorCommand),
      (error: unknown) => generator.send({ type: "join-reply", id: event.id, error: String(error) } satisfies GeneratorCommand),
    );
  });
}

let passed: StepResult | undefined;
let failed: StepResult | undefined;
const steps: (StepResult & { passed: boolean })[] = [];
let emptyCpuPct = 0;
try {
  await withTimeout(sfuReady, IPC_TIMEOUT_MS, "the SFU to start");
  console.error(`load average ${formatLoad()}; ${os.availableParallelism()} CPUs; steps of ${seconds} s measured`);
  // The SFU with no session at all: its own fixed cost, left out of the idle cost per session.
  // The SFU process has just loaded its modules; its compiler threads settle before it is measured.
  await sleep(SETTLE_MS);
  const emptyFirst = await sampleSfu();
  await sleep(idleSeconds * 1_000);
  const emptyLast = await sampleSfu();
  emptyCpuPct = (emptyLast.cpuMicros - emptyFirst.cpuMicros) / (emptyLast.at - emptyFirst.at) / 10;
  console.error(`the SFU with no session: ${emptyCpuPct.toFixed(2)} % of a core`);
  let sessions = 0;
  const targets = fixedSteps ?? Array.from({ length: Math.floor((maxSessions - firstSessions) / sessionStep) + 1 }, (_, i) => firstSessions + i * sessionStep);
  for (const target of targets) {
    if (performance.now() - runStartedAt > maxRunMs) {
      console.error("time budget spent; stopping");
      break;
    }
    await addSessions(sessions, target - sessions);
    sessions = target;
    const result = await runStep(sessions);
    const ok = result.lossPct < MAX_LOSS_PCT && result.addedLatencyP99Ms <= MAX_P99_MS;
    console.error(
      `${ok ? "pass" : "FAIL"} ${JSON.stringify(result)} load ${formatLoad()} (${Math.round((performance.now() - runStartedAt) / 1000)} s)`,
    );
    steps.push({ ...result, passed: ok });
    // Fixed steps all run, pass or fail, so runs compare step by step.
    if (!ok) {
      failed ??= result;
      if (!fixedSteps) break;
      continue;
    }
    if (!failed) passed = result;
  }
} finally {
  await Promise.all(generators.map((generator) => command(generator, { type: "close" }).catch(() => undefined)));
  for (const child of [...generators, sfu]) child.disconnect();
  await Promise.all([...generators, sfu].map((child) => waitForExit(child)));
}

const best = passed ?? failed;
const round = (value: number, digits: number) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);
console.log(
  JSON.stringify({
    sessions: passed?.sessions ?? 0,
    forwardedPps: best ? Math.round(best.forwardedPps) : null,
    sfuCpuMicrosPerPacket: best ? round(best.sfuCpuMicrosPerPacket, 1) : null,
    addedLatencyP50Ms: best ? round(best.addedLatencyP50Ms, 2) : null,
    addedLatencyP99Ms: best ? round(best.addedLatencyP99Ms, 2) : null,
    addedLatencyP999Ms: best ? round(best.addedLatencyP999Ms, 2) : null,
    idleCpuPctPerSession: best ? round(best.idleCpuPctPerSession, 3) : null,
    gcPauseMs: best ? round(best.gcPauseMs, 1) : null,
    emptyCpuPct: round(emptyCpuPct, 2),
    lossPct: best ? round(best.lossPct, 3) : null,
    failedAtSessions: failed?.sessions ?? null,
    directP99Ms: best ? round(best.directP99Ms, 2) : null,
    loadAverage1m: round(os.loadavg()[0]!, 2),
    ...(fixedSteps
      ? {
          steps: steps.map((step) => ({
            sessions: step.sessions,
            passed: step.passed,
            forwardedPps: Math.round(step.forwardedPps),
            sfuCpuMicrosPerPacket: round(step.sfuCpuMicrosPerPacket, 1),
            sfuSystemMicrosPerPacket: round(step.sfuSystemMicrosPerPacket, 1),
            idleCpuPctPerSession: round(step.idleCpuPctPerSession, 3),
            addedLatencyP50Ms: round(step.addedLatencyP50Ms, 2),
            addedLatencyP99Ms: round(step.addedLatencyP99Ms, 2),
            addedLatencyP999Ms: round(step.addedLatencyP999Ms, 2),
            lossPct: round(step.lossPct, 3),
            gcCount: step.gcCount,
            gcPauseMs: round(step.gcPauseMs, 1),
            sfuLoopDelayP99Ms: round(step.sfuLoopDelayP99Ms, 2),
          })),
        }
      : {}),
  }),
);

async function addSessions(firstIndex: number, count: number) {
  const shares = generators.map((_, g) => Math.floor(count / generators.length) + (g < count % generators.length ? 1 : 0));
  let index = firstIndex;
  const started = performance.now();
  await Promise.all(
    generators.map((generator, g) => {
      const share = shares[g]!;
      const first = index;
      index += share;
      return share > 0 ? command(generator, { type: "add-sessions", count: share, firstIndex: first }) : undefined;
    }),
  );
  console.error(`connected ${count} more sessions in ${Math.round(performance.now() - started)} ms`);
}

async function runStep(sessions: number): Promise<StepResult> {
  // Every session connected and silent: what the SFU spends just keeping them, once the handshakes
  // of the sessions just added have settled.
  await sleep(SETTLE_MS);
  const idleFirst = await sampleSfu();
  await sleep(idleSeconds * 1_000);
  const idleLast = await sampleSfu();
  const idleCpuPct = (idleLast.cpuMicros - idleFirst.cpuMicros) / (idleLast.at - idleFirst.at) / 10;
  await Promise.all(generators.map((generator) => command(generator, { type: "prepare", seconds, marginMs })));
  const before = await Promise.all(generators.map((generator) => command(generator, { type: "report" })));
  await askSfu({ type: "watch-loop", id: nextRequestId++, on: true });
  await Promise.all(generators.map((generator) => command(generator, { type: "start" })));
  const startedAt = performance.now();
  await sleep(marginMs);
  const first = await sampleSfu();
  await sleep(seconds * 1_000 - (performance.now() - startedAt - marginMs));
  const last = await sampleSfu();
  await askSfu({ type: "watch-loop", id: nextRequestId++, on: false });
  await sleep(marginMs + DRAIN_MS);
  const after = await Promise.all(generators.map((generator) => command(generator, { type: "report" })));
  const elapsedMs = performance.now() - startedAt;

  const histogram = new Map<number, number>();
  const directHistogram = new Map<number, number>();
  let sent = 0;
  let received = 0;
  for (const report of after) {
    sent += report!.sent;
    received += report!.received;
    for (const [bucket, count] of report!.latency) histogram.set(bucket, (histogram.get(bucket) ?? 0) + count);
    for (const [bucket, count] of report!.directLatency) directHistogram.set(bucket, (directHistogram.get(bucket) ?? 0) + count);
  }
  const forwarded = last.forwardedPackets - first.forwardedPackets;
  const generatorCpu = after.reduce((sum, report, g) => sum + report!.cpuMicros - before[g]!.cpuMicros, 0);
  return {
    sessions,
    forwardedPps: (forwarded * 1_000) / (last.at - first.at),
    sfuCpuMicrosPerPacket: (last.cpuMicros - first.cpuMicros) / forwarded,
    sfuSystemMicrosPerPacket: (last.systemMicros - first.systemMicros) / forwarded,
    addedLatencyP50Ms: readQuantileMs(histogram, 0.5),
    addedLatencyP99Ms: readQuantileMs(histogram, 0.99),
    addedLatencyP999Ms: readQuantileMs(histogram, 0.999),
    idleCpuPctPerSession: Math.max(0, idleCpuPct - emptyCpuPct) / sessions,
    gcCount: last.gcCount - first.gcCount,
    gcPauseMs: last.gcPauseMs - first.gcPauseMs,
    directP99Ms: readQuantileMs(directHistogram, 0.99),
    sfuLoopDelayP99Ms: last.loopDelayP99Ms,
    sfuLoopDelayMaxMs: last.loopDelayMaxMs,
    lossPct: sent === 0 ? Number.NaN : (Math.max(0, sent - received) / sent) * 100,
    generatorCpuPct: generatorCpu / elapsedMs / 10,
    generatorLateSends: after.reduce((sum, report) => sum + report!.lateSends, 0),
  };
}

function askSfu(request: SfuRequest): Promise<Extract<SfuReply, { type: "reply" }>> {
  return withTimeout(
    new Promise((resolve) => {
      sfuWaiters.set(request.id, (reply) => {
        sfuWaiters.delete(request.id);
        resolve(reply);
      });
      sfu.send(request);
    }),
    IPC_TIMEOUT_MS,
    `the SFU to answer ${request.type}`,
  );
}

async function sampleSfu(): Promise<SfuSample> {
  const reply = await askSfu({ type: "sample", id: nextRequestId++ });
  if (!reply.sample) throw new Error(`sampling the SFU failed: ${reply.error}`);
  return reply.sample;
}

/** Generators answer commands one at a time, in order, each with a "done". */
function command(generator: ChildProcess, message: GeneratorCommand): Promise<GeneratorReport | undefined> {
  return withTimeout(
    new Promise((resolve, reject) => {
      const onMessage = (event: GeneratorEvent) => {
        if (event.type !== "done") return;
        generator.off("message", onMessage);
        if (event.error) reject(new Error(`generator: ${event.error}`));
        else resolve(event.report);
      };
      generator.on("message", onMessage);
      generator.send(message);
    }),
    IPC_TIMEOUT_MS,
    `a generator to finish ${message.type}`,
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function waitForExit(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return withTimeout(new Promise<void>((resolve) => child.once("exit", () => resolve())), 15_000, "a child to exit").catch(() => {
    child.kill();
  });
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

function formatLoad() {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}

function readNumber(name: string, fallback: number) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

/** `--steps 4,12,24`: fixed session counts, rising. */
function readSteps(args: string[]): number[] | undefined {
  const at = args.indexOf("--steps");
  if (at === -1) return undefined;
  const steps = (args[at + 1] ?? "").split(",").map(Number);
  if (steps.length === 0 || steps.some((n, i) => !Number.isInteger(n) || n <= 0 || (i > 0 && n <= steps[i - 1]!))) {
    throw new Error("--steps takes rising session counts, such as --steps 4,12,24");
  }
  return steps;
}
