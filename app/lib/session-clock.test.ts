import { describe, expect, it } from "vitest";
import { describeSessionClock } from "./session-clock.ts";

const start = "2026-11-23T10:00:00.000Z";
const at = (seconds: number) => Date.parse(start) + seconds * 1000;

describe("the session status line", () => {
  it("has no clock before it starts", () => {
    expect(describeSessionClock({ clockStartedAt: null, endedAt: null, blockSeconds: 900 }, at(5))).toMatchObject({ started: false });
  });

  it.each([
    [0, 0, 900],
    [0.4, 0.4, 900],
    [899.5, 899.5, 1],
    [900, 900, 900],
    [1000, 1000, 800],
  ])("at %s s: elapsed %s s, %s s left in the block", (seconds, elapsed, left) => {
    expect(describeSessionClock({ clockStartedAt: start, endedAt: null, blockSeconds: 900 }, at(seconds))).toEqual({
      started: true,
      paused: false,
      elapsedSeconds: elapsed,
      blockLeftSeconds: left,
    });
  });

  it("stops counting at the end", () => {
    const ended = new Date(at(60)).toISOString();
    expect(describeSessionClock({ clockStartedAt: start, endedAt: ended, blockSeconds: 900 }, at(500)).elapsedSeconds).toBe(60);
  });

  it("leaves paused time out and stands still while paused (SPEC 19)", () => {
    const pausedAt = new Date(at(100)).toISOString();
    const paused = describeSessionClock({ clockStartedAt: start, endedAt: null, blockSeconds: 900, pausedAt, pausedTotalMs: 30_000 }, at(500));
    expect(paused).toEqual({ started: true, paused: true, elapsedSeconds: 70, blockLeftSeconds: 830 });
    const running = describeSessionClock({ clockStartedAt: start, endedAt: null, blockSeconds: 900, pausedAt: null, pausedTotalMs: 30_000 }, at(500));
    expect(running).toMatchObject({ paused: false, elapsedSeconds: 470 });
  });
});
