// bench:reconnect (SPEC 19): the customer's network path to the SFU is cut for 5 s, then comes
// back. How long after the path returns does the provider's video reach the customer again
// (p50/p95 over BENCH_TRIALS, default 10), and how many blocks were charged for the gap (must
// be 0: the clock pauses while the media does not reach the customer). Real app, database and
// SFU in this process; werift peers; the customer's path through a UDP relay. One JSON line.
//   npm run bench:reconnect
import { settleAtEnd } from "../server/domain/sessions/billing-rules.ts";
import { pumpRtp } from "../tests/fixtures/media-test-peer.ts";
import { startTestServer } from "../tests/fixtures/test-server.ts";
import { percentile, startCallScene } from "./call-scene.ts";

const trials = Number(process.env.BENCH_TRIALS ?? 10);
const CUT_MS = 5_000;
const BLOCK_SECONDS = 2;
const server = await startTestServer({
  BILLING_BLOCK_SECONDS: String(BLOCK_SECONDS),
  BILLING_VOID_SECONDS: "1",
  SHORT_SESSION_SECONDS: "0",
  RECONNECT_GRACE_SECONDS: "60",
  SESSION_PARTY_TIMEOUT_SECONDS: "60",
});
const backMs: number[] = [];
let gapBlocks = 0;
try {
  for (let trial = 1; trial <= trials; trial += 1) {
    const scene = await startCallScene(server, { oneWayDelayMs: 25 });
    const arrivals = { some: (check: (at: number) => boolean) => scene.videoArrivals.some((a) => check(a.at)), find: (check: (at: number) => boolean) => scene.videoArrivals.find((a) => check(a.at))?.at, get length() { return scene.videoArrivals.length; } };
    const pump = pumpRtp(await scene.providerPeer.startSending("video"), "video", { intervalMs: 33 });
    try {
      await until(async () => (await scene.readSession()).blocksCharged >= 1 && arrivals.length > 30, 30_000, "the clock to start");
      scene.relay.cut();
      const cutAt = Date.now();
      await sleep(CUT_MS);
      const restoredPerf = performance.now();
      const restoredAt = Date.now();
      scene.relay.restore();
      await until(async () => arrivals.some((at) => at > restoredPerf), 60_000, "the video to come back");
      const first = arrivals.find((at) => at > restoredPerf)!;
      backMs.push(Math.round(first - restoredPerf));
      // Run on a little, then end: were blocks charged for the 5 s nobody received anything?
      await until(async () => (await scene.readSession()).pausedAt === null, 30_000, "the clock to resume");
      await sleep(2 * BLOCK_SECONDS * 1000);
      await scene.close();
      const row = await scene.readSession();
      const gapMs = restoredAt - cutAt;
      const owedWithoutGap = settleAtEnd(
        { clockStartedAt: row.clockStartedAt!, usesPrepaidBlock: row.usesPrepaidBlock, firstSession: row.firstSession, pausedTotalMs: gapMs },
        { endedAt: row.endedAt!, endedBy: "customer" },
        { blockSeconds: BLOCK_SECONDS, voidSeconds: 1 },
      ).blocksOwed;
      gapBlocks += Math.max(0, row.blocksCharged - owedWithoutGap);
      console.error(`trial ${trial}: video back ${backMs.at(-1)} ms after the path returned; paused ${row.pausedTotalMs} ms; blocks ${row.blocksCharged} (owed without the gap ${owedWithoutGap})`);
    } finally {
      pump.stop();
      await scene.close().catch(() => {});
    }
  }
} finally {
  await server.stop();
}
console.log(
  JSON.stringify({
    bench: "reconnect",
    trials: backMs.length,
    cutMs: CUT_MS,
    oneWayDelayMs: 25,
    mediaBackP50Ms: percentile(backMs, 50),
    mediaBackP95Ms: percentile(backMs, 95),
    targetP95Ms: 3_000,
    blocksChargedForGap: gapBlocks,
  }),
);
process.exit(0);

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(check: () => Promise<boolean>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  for (let attempt = 0; attempt < 100_000; attempt += 1) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
