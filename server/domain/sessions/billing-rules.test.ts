import { describe, expect, it } from "vitest";
import { blockDueAt, blocksOwedWhileLive, lowBalanceWarningAt, settleAtEnd, type MeteredSession } from "./billing-rules.ts";

const settings = { blockSeconds: 900, voidSeconds: 60 };
const clock = new Date("2026-11-23T10:00:00.000Z");
const at = (seconds: number) => new Date(clock.getTime() + seconds * 1000);
const first: MeteredSession = { clockStartedAt: clock, usesPrepaidBlock: true, firstSession: true };
const later: MeteredSession = { clockStartedAt: clock, usesPrepaidBlock: false, firstSession: false };
// The first session was void, so the hold pays block 0 of the next one, which cannot be void.
const laterOnHold: MeteredSession = { clockStartedAt: clock, usesPrepaidBlock: true, firstSession: false };

describe("ending a session (SPEC 5)", () => {
  it.each([
    // [case, session, ended after seconds, ended by, void, blocks owed]
    ["first session, customer ends at 0 s", first, 0, "customer", true, 0],
    ["first session, customer ends at 59.999 s: inside the void window", first, 59.999, "customer", true, 0],
    ["first session, customer ends at exactly 60 s: the window is over", first, 60, "customer", false, 1],
    ["first session, provider ends at 10 s: only the customer can void", first, 10, "provider", false, 1],
    ["first session, cut by the system at 10 s", first, 10, "system", false, 1],
    ["first session ends on the first boundary second", first, 900, "customer", false, 1],
    ["first session ends one millisecond after the first boundary", first, 900.001, "customer", false, 2],
    ["later session ends at its first second", later, 0, "customer", false, 1],
    ["later session ends at 30 s: no void window", later, 30, "customer", false, 1],
    ["later session ends on the second boundary second", later, 1800, "provider", false, 2],
    ["later session ends a second after the second boundary", later, 1801, "provider", false, 3],
    ["later session on the hold cannot be void", laterOnHold, 5, "customer", false, 1],
  ] as const)("%s", (_name, session, seconds, endedBy, isVoid, blocks) => {
    expect(settleAtEnd(session, { endedAt: at(seconds), endedBy }, settings)).toEqual({ void: isVoid, blocksOwed: blocks });
  });

  it("a session whose clock never started owes nothing and is not void", () => {
    expect(settleAtEnd(null, { endedAt: clock, endedBy: "customer" }, settings)).toEqual({ void: false, blocksOwed: 0 });
  });
});

describe("blocks owed while live", () => {
  it.each([
    ["first session before the void window ends", first, 59.999, 0],
    ["first session when the void window ends: the hold is released", first, 60, 1],
    ["first session on the boundary second", first, 900, 1],
    ["first session just after the boundary", first, 900.001, 2],
    ["later session at its first second", later, 0, 1],
    ["later session on the boundary second", later, 900, 1],
    ["later session just after the boundary", later, 900.001, 2],
    ["later session after three boundaries", later, 2700.5, 4],
    ["later session on the hold at its first second", laterOnHold, 0, 1],
  ] as const)("%s", (_name, session, seconds, owed) => {
    expect(blocksOwedWhileLive(session, at(seconds), settings)).toBe(owed);
  });

  it("agrees with the settlement for every end instant after the void window", () => {
    for (const seconds of [60, 61, 899, 900, 900.001, 1799, 1800, 1800.001, 4000]) {
      const live = blocksOwedWhileLive(later, at(seconds), settings);
      expect(settleAtEnd(later, { endedAt: at(seconds), endedBy: "customer" }, settings).blocksOwed).toBe(live);
    }
  });
});

describe("due instants and warnings", () => {
  it("dates each block", () => {
    expect(blockDueAt(first, 0, settings)).toEqual(at(60));
    expect(blockDueAt(later, 0, settings)).toEqual(clock);
    expect(blockDueAt(later, 1, settings)).toEqual(at(900.001));
    expect(blockDueAt(first, 2, settings)).toEqual(at(1800.001));
  });

  it("a void window longer than a block ends with the first block", () => {
    expect(blockDueAt(first, 0, { blockSeconds: 3, voidSeconds: 60 })).toEqual(at(3));
  });

  it("warns a minute before a boundary, never before the clock, never for the prepaid block", () => {
    const warning = { ...settings, warningSeconds: 60 };
    expect(lowBalanceWarningAt(later, 1, warning)).toEqual(at(840.001));
    expect(lowBalanceWarningAt(first, 0, warning)).toBeNull();
    expect(lowBalanceWarningAt(laterOnHold, 0, warning)).toBeNull();
    // Block 0 of a session not on the hold is a charge like any other, due when the clock starts.
    expect(lowBalanceWarningAt(later, 0, warning)).toEqual(clock);
    expect(lowBalanceWarningAt(later, 1, { blockSeconds: 3, voidSeconds: 1, warningSeconds: 60 })).toEqual(clock);
  });
});
