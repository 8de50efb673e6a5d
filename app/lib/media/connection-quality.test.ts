import { describe, expect, it } from "vitest";
import { judgeConnectionQuality, readQualitySample, type QualitySample } from "./connection-quality.ts";

const steady: QualitySample = { packetsReceived: 1_000, packetsLost: 0, freezeCount: 0, sentFractionLost: 0, roundTripSeconds: 0.05 };

describe("the connection-quality indicator", () => {
  it("says reconnecting while there is no connection, whatever the last figures", () => {
    expect(judgeConnectionQuality(steady, steady, false)).toBe("reconnecting");
  });

  it("is good on a steady path", () => {
    expect(judgeConnectionQuality(null, steady, true)).toBe("good");
    expect(judgeConnectionQuality(steady, { ...steady, packetsReceived: 1_500, packetsLost: 10 }, true)).toBe("good");
  });

  it("is poor when 5 % of what arrived since the last look was lost", () => {
    expect(judgeConnectionQuality(steady, { ...steady, packetsReceived: 1_095, packetsLost: 5 }, true)).toBe("poor");
    expect(judgeConnectionQuality(steady, { ...steady, packetsReceived: 1_096, packetsLost: 4 }, true)).toBe("good");
  });

  it("is poor when the video froze, the SFU reports loss of what is sent, or the round trip is long", () => {
    expect(judgeConnectionQuality(steady, { ...steady, freezeCount: 1 }, true)).toBe("poor");
    expect(judgeConnectionQuality(steady, { ...steady, sentFractionLost: 0.06 }, true)).toBe("poor");
    expect(judgeConnectionQuality(steady, { ...steady, roundTripSeconds: 0.45 }, true)).toBe("poor");
  });

  it("reads the figures it needs out of a getStats() report", () => {
    const report = [
      { type: "inbound-rtp", kind: "video", packetsReceived: 900, packetsLost: 30, freezeCount: 2 },
      { type: "inbound-rtp", kind: "audio", packetsReceived: 100, packetsLost: -1 },
      { type: "remote-inbound-rtp", fractionLost: 0.02 },
      { type: "remote-inbound-rtp", fractionLost: 0.07 },
      { type: "candidate-pair", nominated: true, state: "succeeded", currentRoundTripTime: 0.12 },
      { type: "candidate-pair", nominated: false, state: "waiting", currentRoundTripTime: 3 },
    ];
    expect(readQualitySample(report)).toEqual({ packetsReceived: 1_000, packetsLost: 30, freezeCount: 2, sentFractionLost: 0.07, roundTripSeconds: 0.12 });
  });
});
