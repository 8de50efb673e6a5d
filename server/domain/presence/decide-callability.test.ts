import { describe, expect, it } from "vitest";
import { decideCallability, type ProviderFacts } from "./decide-callability.ts";

// SPEC 15: whenever a customer cannot call, why (offline, not set, outside hours, channel
// off, paused, busy), when it changes by itself, and whether the queue is open. When several
// reasons hold, the first a person would fix or wait out is named (docs/decisions.md).
// 2026-12-07 is a Monday; hour 10 of the UTC grid is 10:00–11:00 that day.
const now = new Date("2026-12-07T08:30:00Z");
const free: ProviderFacts = {
  online: true,
  chosen: "available",
  inSession: false,
  pausedUntil: null,
  channels: { video: true, text: true },
  grid: { hours: [], timeZone: "UTC" },
};
const pausedUntil = new Date("2026-12-07T08:50:00Z");

describe("decideCallability", () => {
  const cases: { name: string; facts: Partial<ProviderFacts>; medium?: "video" | "text"; want: ReturnType<typeof decideCallability> }[] = [
    { name: "Available, empty grid: callable", facts: {}, want: { callable: true, queueOpen: false } },
    { name: "inside a filled hour: callable", facts: { grid: { hours: [8], timeZone: "UTC" } }, want: { callable: true, queueOpen: false } },
    { name: "off the site", facts: { online: false }, want: { callable: false, reason: "offline", queueOpen: false } },
    { name: "Not set", facts: { chosen: "not_set" }, want: { callable: false, reason: "not_set", queueOpen: false } },
    {
      name: "outside open hours, with the next opening",
      facts: { grid: { hours: [10], timeZone: "UTC" } },
      want: { callable: false, reason: "outside_hours", opensAt: "2026-12-07T10:00:00.000Z", queueOpen: false },
    },
    { name: "the order's channel off", facts: { channels: { video: false, text: true } }, medium: "video", want: { callable: false, reason: "channel_off", queueOpen: false } },
    { name: "the other channel off", facts: { channels: { video: false, text: true } }, medium: "text", want: { callable: true, queueOpen: false } },
    { name: "no medium: one channel on is enough", facts: { channels: { video: false, text: true } }, want: { callable: true, queueOpen: false } },
    { name: "no medium: both channels off", facts: { channels: { video: false, text: false } }, want: { callable: false, reason: "channel_off", queueOpen: false } },
    { name: "paused, until the pause ends; the queue stays open", facts: { chosen: "paused", pausedUntil }, want: { callable: false, reason: "paused", opensAt: pausedUntil.toISOString(), queueOpen: true } },
    { name: "Busy by choice: the queue is open", facts: { chosen: "busy" }, want: { callable: false, reason: "busy", queueOpen: true } },
    { name: "in a session: busy, the queue is open", facts: { inSession: true }, want: { callable: false, reason: "busy", queueOpen: true } },
    // Several reasons: the first a person would fix or wait out.
    { name: "offline before anything else", facts: { online: false, chosen: "not_set", inSession: true }, want: { callable: false, reason: "offline", queueOpen: false } },
    { name: "outside hours before a pause: nobody may join", facts: { chosen: "paused", pausedUntil, grid: { hours: [10], timeZone: "UTC" } }, want: { callable: false, reason: "outside_hours", opensAt: "2026-12-07T10:00:00.000Z", queueOpen: false } },
    { name: "channel off before busy: no queue for that channel", facts: { inSession: true, channels: { video: false, text: true } }, medium: "video", want: { callable: false, reason: "channel_off", queueOpen: false } },
    { name: "paused before in a session", facts: { chosen: "paused", pausedUntil, inSession: true }, want: { callable: false, reason: "paused", opensAt: pausedUntil.toISOString(), queueOpen: true } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(decideCallability({ ...free, ...c.facts }, { now, ...(c.medium ? { medium: c.medium } : {}) })).toEqual(c.want);
    });
  }
});
