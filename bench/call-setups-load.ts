// The load generator of bench/call-setups.ts, forked as a process of its own so that the
// server's CPU and memory figures are the server's. Driven over IPC by the parent:
// plan → connect the pairs; connect-idle → the idle sockets; run → the call loops; close.
import { io, type Socket } from "socket.io-client";

export type LoadPlan = {
  url: string;
  /** Where the providers' sockets connect, when not to `url` (another app process). */
  providerUrl?: string;
  pairs: { orderId: string; customerCookie: string; providerCookie: string }[];
  idleCookies: string[];
  idleSockets: number;
  seconds: number;
  warmupSeconds: number;
};

export type LoadReport = { setups: number; seconds: number; p50Ms: number; p99Ms: number; failures: number; firstError?: string };

type Command = { kind: "plan"; plan: LoadPlan } | { kind: "connect-idle" } | { kind: "run" } | { kind: "close" };

const HEARTBEAT_MS = 10_000;
const ACK_TIMEOUT_MS = 10_000;
const CONNECT_BATCH = 100;
// Loopback has many addresses: spreading the sockets over several keeps far from the
// ephemeral port limit of one source address.
const SOURCE_ADDRESSES = 16;
const MAX_CALLS_PER_PAIR = 1_000_000;

let plan: LoadPlan | undefined;
const sockets: Socket[] = [];
const timers: NodeJS.Timeout[] = [];
let pairSockets: { orderId: string; customer: Socket; provider: Socket }[] = [];

process.on("message", (command: Command) => {
  void handle(command).catch((error: unknown) => {
    process.send?.({ kind: "failed", error: error instanceof Error ? error.stack ?? error.message : String(error) });
  });
});

async function handle(command: Command) {
  if (command.kind === "plan") {
    plan = command.plan;
    const current = plan;
    pairSockets = await Promise.all(
      current.pairs.map(async (pair, index) => ({
        orderId: pair.orderId,
        customer: await connectSocket(current.url, pair.customerCookie, index),
        provider: await connectSocket(current.providerUrl ?? current.url, pair.providerCookie, index + 1),
      })),
    );
    process.send?.({ kind: "pairs-connected" });
  } else if (command.kind === "connect-idle") {
    if (!plan) throw new Error("no plan");
    let connected = 0;
    for (let start = 0; start < plan.idleSockets; start += CONNECT_BATCH) {
      const batch = Array.from({ length: Math.min(CONNECT_BATCH, plan.idleSockets - start) }, (_, i) => start + i);
      const current = plan;
      const results = await Promise.allSettled(batch.map((n) => connectSocket(current.url, current.idleCookies[n % current.idleCookies.length]!, n)));
      connected += results.filter((result) => result.status === "fulfilled").length;
      const failed = results.find((result) => result.status === "rejected");
      if (failed) console.error(`an idle socket failed to connect: ${String(failed.reason)}`);
    }
    process.send?.({ kind: "idle-connected", connected });
  } else if (command.kind === "run") {
    process.send?.({ kind: "report", ...(await runCalls()) });
  } else {
    timers.forEach((timer) => clearInterval(timer));
    sockets.forEach((socket) => socket.close());
    process.exit(0);
  }
}

/** A signed-in socket that sends the page's heartbeat every 10 s, at a random phase. */
async function connectSocket(url: string, cookie: string, index: number): Promise<Socket> {
  const socket = io(url, {
    transports: ["websocket"],
    extraHeaders: { cookie },
    reconnection: false,
    forceNew: true,
    localAddress: `127.0.0.${2 + (index % SOURCE_ADDRESSES)}`,
  } as Parameters<typeof io>[1]);
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("connect timed out")), ACK_TIMEOUT_MS);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once("connect_error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  const beat = () => void socket.timeout(ACK_TIMEOUT_MS).emitWithAck("heartbeat", {}).catch(() => {});
  timers.push(
    setTimeout(() => {
      beat();
      timers.push(setInterval(beat, HEARTBEAT_MS));
    }, Math.random() * HEARTBEAT_MS),
  );
  return socket;
}

async function runCalls(): Promise<LoadReport> {
  if (!plan) throw new Error("no plan");
  const { seconds, warmupSeconds } = plan;
  const runStart = performance.now();
  const windowStart = runStart + warmupSeconds * 1000;
  const deadline = windowStart + seconds * 1000;
  setTimeout(() => process.send?.({ kind: "measuring" }), warmupSeconds * 1000);
  const latencies: number[] = [];
  let failures = 0;
  let firstError: string | undefined;
  const fail = (message: string) => {
    failures++;
    firstError ??= message;
  };

  const loop = async ({ orderId, customer, provider }: (typeof pairSockets)[number]) => {
    for (let n = 0; n < MAX_CALLS_PER_PAIR && performance.now() < deadline; n++) {
      const started = performance.now();
      const ringing = nextEvent(provider, "call:ringing", (p: { orderId: string; sessionId: string }) => p.orderId === orderId);
      const answeredByCustomer = nextEvent(customer, "call:answered", (p: { orderId: string }) => p.orderId === orderId);
      const answeredByProvider = nextEvent(provider, "call:answered", (p: { orderId: string }) => p.orderId === orderId);
      let sessionId: string | undefined;
      try {
        const start = await ask(customer, "call:start", { orderId });
        if (!start.ok) throw new Error(`call:start refused: ${JSON.stringify(start.error)}`);
        sessionId = (await ringing).sessionId;
        const answer = await ask(provider, "call:answer", { sessionId });
        if (!answer.ok) throw new Error(`call:answer refused: ${JSON.stringify(answer.error)}`);
        await Promise.all([answeredByCustomer, answeredByProvider]);
        const finished = performance.now();
        if (started >= windowStart && finished <= deadline) latencies.push(finished - started);
        // Not timed: the next call of this order may ring only once this one ended.
        const end = await ask(customer, "session:end", { sessionId });
        if (!end.ok) throw new Error(`session:end refused: ${JSON.stringify(end.error)}`);
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
        [ringing, answeredByCustomer, answeredByProvider].forEach((pending) => pending.cancel());
        // Leave the order free for the next attempt whatever state the call reached.
        if (sessionId) {
          await ask(customer, "call:cancel", { sessionId }).catch(() => {});
          await ask(customer, "session:end", { sessionId }).catch(() => {});
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  await Promise.all(pairSockets.map((pair) => loop(pair)));
  const measuredSeconds = (deadline - windowStart) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { setups: latencies.length, seconds: measuredSeconds, p50Ms: pct(0.5), p99Ms: pct(0.99), failures, firstError };
}

function ask(socket: Socket, event: string, payload: unknown): Promise<{ ok?: boolean; error?: unknown }> {
  return socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
}

/** The first `event` matching `match`, or a rejection after the ack timeout; cancellable. */
function nextEvent<T>(socket: Socket, event: string, match: (payload: T) => boolean) {
  let listener: (payload: T) => void = () => {};
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${ACK_TIMEOUT_MS} ms`));
    }, ACK_TIMEOUT_MS);
    listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
  // A cancelled wait must not surface as an unhandled rejection.
  promise.catch(() => {});
  return Object.assign(promise, {
    cancel() {
      clearTimeout(timer);
      socket.off(event, listener);
    },
  });
}
