// The SFU under test, alone in its process so that its CPU time is its own. Driven over IPC by
// bench/sfu-load.ts.
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { MediaError } from "../media/media-error.ts";
import { createMediaServer } from "../media/media-server.ts";
import type { SfuReply, SfuRequest } from "./sfu-load-protocol.ts";

const secretKey = process.env.BENCH_SECRET ?? "";
if (!process.send || secretKey === "") throw new Error("run by bench/sfu-load.ts only");
const send = (reply: SfuReply) => process.send?.(reply);

const server = createMediaServer({
  secretKey,
  // Sessions sit idle while the next step's peers are connected; that is not a failure here.
  silenceTimeoutMs: 10 * 60_000,
  onEvent: (event) => {
    if (event.type === "party-disconnected") console.error(`sfu: media stopped in ${event.roomId} (${event.role}, ${event.reason})`);
  },
});

// Shows whether latency comes from the SFU's own event loop being busy, or from elsewhere. It is on
// only while media flows: its 1 ms timer wakes an idle process a thousand times a second, which
// costs a few per cent of a core and varies by as much, and would drown the idle cost per session.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });

// Every garbage collection pauses forwarding: counted and summed, so a step's tail can be set
// beside the time the collector took.
let gcCount = 0;
let gcPauseMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcCount += 1;
    gcPauseMs += entry.duration;
  }
}).observe({ entryTypes: ["gc"] });

process.on("message", (request: SfuRequest) => {
  void handle(request).then(send, (error: unknown) =>
    send({ type: "reply", id: request.id, error: error instanceof MediaError ? error.code : String(error) }),
  );
});
process.on("disconnect", () => {
  void server.close().finally(() => process.exit(0));
});

async function handle(request: SfuRequest): Promise<SfuReply> {
  switch (request.type) {
    case "join":
      return { type: "reply", id: request.id, answerSdp: (await server.join(request)).answerSdp };
    case "close-room":
      await server.closeRoom(request.roomId);
      return { type: "reply", id: request.id };
    case "watch-loop":
      if (request.on) loopDelay.enable();
      else loopDelay.disable();
      loopDelay.reset();
      return { type: "reply", id: request.id };
    case "sample": {
      const cpu = process.cpuUsage();
      const sample = {
        cpuMicros: cpu.user + cpu.system,
        systemMicros: cpu.system,
        forwardedPackets: server.stats().forwardedPackets,
        at: performance.now(),
        loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        loopDelayMaxMs: loopDelay.max / 1e6,
        gcCount,
        gcPauseMs,
      };
      // Each sample describes the loop since the one before.
      loopDelay.reset();
      return { type: "reply", id: request.id, sample };
    }
  }
}

send({ type: "ready" });
