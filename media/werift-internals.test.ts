import { describe, expect, it } from "vitest";
import { countReceivedPacket, isCountableStatistics, type StreamStatistics } from "./werift-internals.ts";

/** The fields werift's StreamStatistics starts with (its constructor takes the clock rate). */
function freshStatistics(clockRate: number): StreamStatistics {
  return {
    clockRate,
    packets_received: 0,
    bytesReceived: 0,
    headerBytesReceived: 0,
    jitter_q4: 0,
    cycles: 0,
    fraction_lost: 0,
    packets_lost: 0,
    jitter: 0,
  } as StreamStatistics;
}

describe("countReceivedPacket", () => {
  it("counts packets and bytes and keeps the highest sequence number, wrap-arounds included", () => {
    const t = freshStatistics(90_000);
    const start = 1_800_000_000_000;
    const numbers = [65_533, 65_534, 65_535, 0, 1, 65_535 /* late */, 2];
    numbers.forEach((sequenceNumber, i) => countReceivedPacket(t, sequenceNumber, 3_000 * i, 1_000, 12, start + 33 * i));
    expect(t.packets_received).toBe(7);
    expect(t.bytesReceived).toBe(7_000);
    expect(t.headerBytesReceived).toBe(84);
    expect(t.base_seq).toBe(65_533);
    expect(t.max_seq).toBe(2);
    expect(t.cycles).toBe(1 << 16);
    expect(t.lastPacketReceivedTimestamp).toBe(start + 33 * 6);
  });

  it("ignores a late packet for the highest number and the jitter", () => {
    const t = freshStatistics(90_000);
    countReceivedPacket(t, 10, 0, 100, 12, 1_000);
    countReceivedPacket(t, 12, 6_000, 100, 12, 1_066.6667);
    const jitter = t.jitter_q4;
    countReceivedPacket(t, 11, 3_000, 100, 12, 5_000);
    expect(t.max_seq).toBe(12);
    expect(t.jitter_q4).toBe(jitter);
  });

  it("measures no jitter for packets that arrive exactly on their timestamps' schedule", () => {
    const t = freshStatistics(90_000);
    for (let i = 0; i < 50; i++) countReceivedPacket(t, i, 3_000 * i, 1_000, 12, 1_000_000 + (100 * i) / 3);
    expect(t.jitter_q4 >> 4).toBeLessThanOrEqual(1);
  });

  it("measures a steady 10 ms of arrival spread as about 900 units of a 90 kHz clock (RFC 3550 A.8)", () => {
    const t = freshStatistics(90_000);
    for (let i = 0; i < 400; i++) countReceivedPacket(t, i, 3_000 * i, 1_000, 12, 1_000_000 + (100 * i) / 3 + (i % 2) * 10);
    expect(t.jitter_q4 >> 4).toBeGreaterThan(800);
    expect(t.jitter_q4 >> 4).toBeLessThan(1_000);
  });

  it("keeps the jitter small when the RTP timestamp wraps around", () => {
    const t = freshStatistics(48_000);
    for (let i = 0; i < 20; i++) countReceivedPacket(t, i, (2 ** 32 - 960 * 10 + 960 * i) >>> 0, 100, 12, 2_000_000 + 20 * i);
    expect(t.jitter_q4 >> 4).toBeLessThanOrEqual(1);
  });

  it("is used only on statistics with werift's fields", () => {
    expect(isCountableStatistics(freshStatistics(48_000))).toBe(true);
    expect(isCountableStatistics({ cycles: 0 } as StreamStatistics)).toBe(false);
  });
});
