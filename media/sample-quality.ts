import type { Party, Room } from "./room-state.ts";

// No provider packet for this long while the clock runs is a freeze: audio alone sends one every
// 20 ms and video one every frame, so half a second of nothing is a picture that stood still and
// sound that dropped out. Shorter gaps are jitter a browser's buffer hides.
export const FREEZE_GAP_MS = 500;
// A receiver report saying a tenth of the video was lost: at that rate retransmission no longer
// keeps up and the picture smears or stutters. The loss benchmark's 5 % stays below it.
export const LOSSY_FRACTION = 0.1;
// A report older than this no longer describes the path (browsers report about once a second).
const LOSS_REPORT_FRESH_MS = 3_000;

/**
 * Adds `tickMs` of clock-running time to the room's quality tally (SPEC 19, quality credit),
 * impaired when the provider's media is frozen (a gap in its packets) or lossy (the customer's
 * receiver reports too much of the video lost). A gap is counted only once a packet ends it, so
 * a gap that becomes a stall (the clock pauses back to its start) counts nothing.
 */
export function sampleQuality(room: Room, customer: Party, now: number, tickMs: number): void {
  const tally = room.quality;
  tally.observedMs += tickMs;
  if (now - room.providerLastForwardAt > FREEZE_GAP_MS) {
    tally.pendingFrozenMs += tickMs;
    return;
  }
  if (tally.pendingFrozenMs > 0) {
    tally.impairedMs += tally.pendingFrozenMs;
    tally.pendingFrozenMs = 0;
  }
  if (customer.videoFractionLost >= LOSSY_FRACTION && now - customer.videoLossReportedAt < LOSS_REPORT_FRESH_MS) tally.impairedMs += tickMs;
}

/** The tally since the last report, which starts a new one; a gap still open stays pending. */
export function takeQualityReport(room: Room): { observedMs: number; impairedMs: number } {
  const { observedMs, impairedMs } = room.quality;
  room.quality.observedMs = 0;
  room.quality.impairedMs = 0;
  return { observedMs: Math.round(observedMs), impairedMs: Math.round(impairedMs) };
}

/** A stall: the clock pauses from the last packet, so the open gap is neither billed nor credited. */
export function dropPendingFreeze(room: Room): void {
  room.quality.observedMs = Math.max(0, room.quality.observedMs - room.quality.pendingFrozenMs);
  room.quality.pendingFrozenMs = 0;
}
