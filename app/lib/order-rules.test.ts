import { describe, expect, it } from "vitest";
import { formatFileSize, isKnownOrderStatus, isSafeExternalLink, mergeMessages, needsConfirmation, pickTransitions } from "./order-rules.ts";

describe("pickTransitions", () => {
  it.each([
    [["cancel", "close", "dispute"], ["close", "cancel"]],
    [["refuse", "deliver", "dispute"], ["deliver", "refuse"]],
    [["return", "accept", "review"], ["accept", "return"]],
    [["review", "dispute"], []],
    [["something_new"], []],
  ] as const)("%j → %j", (actions, expected) => {
    expect(pickTransitions(actions)).toEqual(expected);
  });
});

describe("needsConfirmation", () => {
  it.each([
    ["cancel", true],
    ["close", true],
    ["refuse", true],
    ["accept", true],
    ["return", true],
    ["deliver", false],
  ] as const)("%s → %s", (action, expected) => {
    expect(needsConfirmation(action)).toBe(expected);
  });
});

describe("isKnownOrderStatus", () => {
  it.each([
    ["in_progress", true],
    ["paid", true],
    ["archived", false],
    ["", false],
  ])("%s → %s", (status, expected) => {
    expect(isKnownOrderStatus(status)).toBe(expected);
  });
});

describe("mergeMessages", () => {
  const a = { id: "a", createdAt: "2026-11-23T10:00:00.000Z", body: "first" };
  const b = { id: "b", createdAt: "2026-11-23T10:05:00.000Z", body: "second" };
  const c = { id: "c", createdAt: "2026-11-23T10:05:00.000Z", body: "same second" };

  it("appends a new message at the bottom", () => {
    expect(mergeMessages([a], [b]).map((m) => m.id)).toEqual(["a", "b"]);
  });
  it("does not repeat a message delivered twice (socket and response)", () => {
    expect(mergeMessages([a, b], [b]).map((m) => m.id)).toEqual(["a", "b"]);
  });
  it("sorts late arrivals into place, oldest first, ties by id", () => {
    expect(mergeMessages([c, b], [a]).map((m) => m.id)).toEqual(["a", "b", "c"]);
  });
  it("keeps the input untouched", () => {
    const current = [a];
    mergeMessages(current, [b]);
    expect(current).toEqual([a]);
  });
});

describe("isSafeExternalLink", () => {
  it.each([
    ["https://example.com/guide", true],
    ["http://example.com", true],
    ["javascript:alert(1)", false],
    ["data:text/html,hi", false],
    ["not a url", false],
    ["//example.com", false],
  ])("%s → %s", (link, expected) => {
    expect(isSafeExternalLink(link)).toBe(expected);
  });
});

describe("formatFileSize", () => {
  it.each([
    [512, "en", "512 bytes"],
    [1536, "en", "1.5 kB"],
    [5 * 1024 * 1024, "en", "5 MB"],
  ] as const)("%d in %s → %s", (size, locale, expected) => {
    expect(formatFileSize(size, locale)).toBe(expected);
  });
});
