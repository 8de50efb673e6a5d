// Messages between the SFU load benchmark's processes, and the latency histogram they share.

export type SfuRequest =
  | { type: "join"; id: number; token: string; offerSdp: string }
  | { type: "close-room"; id: number; roomId: string }
  | { type: "sample"; id: number }
  /** Starts or stops the SFU's event-loop delay histogram (see sfu-load-sfu.ts). */
  | { type: "watch-loop"; id: number; on: boolean };

export type SfuReply = { type: "reply"; id: number; answerSdp?: string; sample?: SfuSample; error?: string } | { type: "ready" };

export type SfuSample = {
  cpuMicros: number;
  systemMicros: number;
  forwardedPackets: number;
  at: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Garbage-collection pauses since the SFU started: their count and total length. */
  gcCount: number;
  gcPauseMs: number;
};

export type GeneratorCommand =
  | { type: "add-sessions"; count: number; firstIndex: number }
  | { type: "prepare"; seconds: number; marginMs: number }
  | { type: "start" }
  | { type: "stop" }
  | { type: "report" }
  | { type: "close" }
  | { type: "join-reply"; id: number; answerSdp?: string; error?: string };

export type GeneratorEvent =
  | { type: "join"; id: number; token: string; offerSdp: string }
  | { type: "done"; report?: GeneratorReport; error?: string };

export type GeneratorReport = {
  sent: number;
  received: number;
  /** Counts per LATENCY_BUCKET_MICROS-wide bucket, sparse: [bucket, count] pairs. */
  latency: [number, number][];
  /** The same for packets sent straight between two of the generator's own sockets. */
  directLatency: [number, number][];
  cpuMicros: number;
  lateSends: number;
};

/** Packets sent before the measured window (warm-up) and after it (tail) are forwarded but not counted. */
export type Phase = 0 | 1 | 2;
export const MEASURED_PHASE: Phase = 1;

export const LATENCY_BUCKET_MICROS = 10;

export function addToHistogram(histogram: Map<number, number>, micros: number) {
  const bucket = Math.max(0, Math.floor(micros / LATENCY_BUCKET_MICROS));
  histogram.set(bucket, (histogram.get(bucket) ?? 0) + 1);
}

/** The upper edge of the bucket holding quantile `q`, in milliseconds. */
export function readQuantileMs(histogram: Map<number, number>, q: number): number {
  const buckets = [...histogram.entries()].sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return Number.NaN;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (const [bucket, count] of buckets) {
    seen += count;
    if (seen >= rank) return ((bucket + 1) * LATENCY_BUCKET_MICROS) / 1000;
  }
  return Number.NaN;
}
