/**
 * SPEC 19's connection-quality indicator, from the browser's own `getStats()`: what this side
 * receives (inbound RTP: packets lost, frames frozen) and what the SFU reports about what this
 * side sends (remote-inbound RTP: fraction lost, round trip). Pure, so the thresholds are tested.
 */
export type ConnectionQuality = "good" | "poor" | "reconnecting";

export type QualitySample = {
  /** Inbound packets received and lost, audio and video together (cumulative). */
  packetsReceived: number;
  packetsLost: number;
  /** Cumulative freezes of the inbound video (Chrome's freezeCount), 0 where not reported. */
  freezeCount: number;
  /** The worst fraction (0–1) the SFU reports lost of what this side sends, latest report. */
  sentFractionLost: number;
  /** Round trip to the SFU in seconds, latest measurement; null when unknown. */
  roundTripSeconds: number | null;
};

// The same line the SFU draws for "lossy" is 10 %; the indicator warns earlier, at 5 %, because
// people can still act on it (move closer to the router, turn the camera off).
const POOR_LOSS_FRACTION = 0.05;
const POOR_ROUND_TRIP_SECONDS = 0.4;

export function judgeConnectionQuality(previous: QualitySample | null, current: QualitySample, connected: boolean): ConnectionQuality {
  if (!connected) return "reconnecting";
  if (current.sentFractionLost >= POOR_LOSS_FRACTION) return "poor";
  if (current.roundTripSeconds !== null && current.roundTripSeconds >= POOR_ROUND_TRIP_SECONDS) return "poor";
  if (!previous) return "good";
  const received = current.packetsReceived - previous.packetsReceived;
  const lost = current.packetsLost - previous.packetsLost;
  if (lost > 0 && lost / (received + lost) >= POOR_LOSS_FRACTION) return "poor";
  if (current.freezeCount > previous.freezeCount) return "poor";
  return "good";
}

type StatsEntry = Record<string, unknown> & { type: string };
const numberOf = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);

/** Sums what the indicator needs out of one `getStats()` report. */
export function readQualitySample(report: Iterable<StatsEntry>): QualitySample {
  const sample: QualitySample = { packetsReceived: 0, packetsLost: 0, freezeCount: 0, sentFractionLost: 0, roundTripSeconds: null };
  for (const entry of report) {
    if (entry.type === "inbound-rtp") {
      sample.packetsReceived += numberOf(entry.packetsReceived);
      sample.packetsLost += Math.max(0, numberOf(entry.packetsLost));
      sample.freezeCount += numberOf(entry.freezeCount);
    } else if (entry.type === "remote-inbound-rtp") {
      sample.sentFractionLost = Math.max(sample.sentFractionLost, numberOf(entry.fractionLost));
    } else if (entry.type === "candidate-pair" && entry.nominated === true && entry.state === "succeeded" && typeof entry.currentRoundTripTime === "number") {
      sample.roundTripSeconds = entry.currentRoundTripTime;
    }
  }
  return sample;
}
