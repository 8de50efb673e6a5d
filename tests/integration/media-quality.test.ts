import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMediaServer, type MediaServerEvent } from "../../media/media-server.ts";
import { createMediaHarness, TEST_SECRET, waitFor } from "../fixtures/media-test-peer.ts";

// SPEC 19, quality credit: the SFU measures, while the clock runs, how much of the time the
// provider's media reached the customer frozen (a gap in its packets) or lossy (the customer's
// receiver reports say so), and reports it with each "provider-media-seen".

let media: ReturnType<typeof createMediaHarness>;
beforeEach(() => {
  media = createMediaHarness((onEvent) => createMediaServer({ secretKey: TEST_SECRET, onEvent }));
});
afterEach(async () => {
  await media.dispose();
});

function qualityOf(events: MediaServerEvent[]) {
  let observedMs = 0;
  let impairedMs = 0;
  for (const event of events) {
    if (event.type !== "provider-media-seen") continue;
    observedMs += event.observedMs;
    impairedMs += event.impairedMs;
  }
  return { observedMs, impairedMs };
}

/** The provider sends video at 50 packets a second, but for the `skip`ped ones, to a connected customer. */
async function measure(skip?: (index: number) => boolean) {
  const provider = await media.newPeer();
  const customer = await media.newPeer();
  await media.connect(provider, "provider");
  await media.connect(customer, "customer");
  await media.pump(provider, "video", { intervalMs: 20, skip });
  // Six seconds of clock time: several receiver reports and several gaps, whatever the load.
  await waitFor(() => qualityOf(media.events).observedMs >= 6_000, "six seconds of observed media", 60_000);
  return qualityOf(media.events);
}

describe("connection quality measured by the SFU", () => {
  it("a steady stream is neither frozen nor lossy", async () => {
    const { observedMs, impairedMs } = await measure();
    // A scheduling hiccup of the test's own pump may show up on a loaded machine, never a fifth.
    expect(impairedMs).toBeLessThan(observedMs * 0.2);
  }, 90_000);

  it("gaps of 0.8 s in every 1.5 s (shorter than a stall, so the clock runs on) count as frozen", async () => {
    // 40 packets of 75 skipped in one run: 0.8 s without a packet, then 0.7 s of video.
    const { observedMs, impairedMs } = await measure((index) => index % 75 >= 35);
    expect(media.events.some((event) => event.type === "provider-media-stalled")).toBe(false);
    expect(impairedMs).toBeGreaterThan(observedMs * 0.2);
  }, 90_000);

  it("a quarter of the video lost on the way counts as lossy, from the customer's receiver reports", async () => {
    // No gap long enough to be a freeze: every fourth packet never arrives.
    const { observedMs, impairedMs } = await measure((index) => index % 4 === 0);
    expect(impairedMs).toBeGreaterThan(observedMs * 0.5);
  }, 90_000);
});
