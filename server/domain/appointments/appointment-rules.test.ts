import { describe, expect, it } from "vitest";
import { allowedFrom, decideNoShow, splitOnCancel, splitOnNoShow } from "./appointment-rules.ts";

describe("appointment transitions", () => {
  it.each([
    ["accept", "provider", ["pending"]],
    ["accept", "customer", []],
    ["reject", "provider", ["pending"]],
    ["reject", "customer", []],
    ["cancel", "customer", ["pending", "accepted"]],
    ["cancel", "provider", ["accepted"]],
    ["no_show", "customer", ["accepted"]],
    ["no_show", "provider", ["accepted"]],
  ] as const)("%s by the %s starts from %j", (action, party, from) => {
    expect(allowedFrom(action, party)).toEqual(from);
  });
});

describe("refund rules", () => {
  const startsAt = new Date("2027-03-22T10:00:00Z");
  const common = { heldMinor: 30_000n, blockPriceMinor: 10_000n, startsAt, freeCancelHours: 24 };
  it.each([
    ["provider cancels an accepted one", { by: "provider", status: "accepted", now: new Date("2027-03-22T09:59:00Z") }, 0n, 30_000n],
    ["customer cancels a pending one late", { by: "customer", status: "pending", now: new Date("2027-03-22T09:00:00Z") }, 0n, 30_000n],
    ["customer cancels exactly 24 h before", { by: "customer", status: "accepted", now: new Date("2027-03-21T10:00:00Z") }, 0n, 30_000n],
    ["customer cancels a minute later", { by: "customer", status: "accepted", now: new Date("2027-03-21T10:01:00Z") }, 10_000n, 20_000n],
  ] as const)("%s", (_name, input, toProvider, toCustomer) => {
    expect(splitOnCancel({ ...common, ...input })).toEqual({ toProviderMinor: toProvider, toCustomerMinor: toCustomer });
  });

  it("no-show: the provider's refunds all, the customer's pays the first block", () => {
    expect(splitOnNoShow({ absent: "provider", heldMinor: 30_000n, blockPriceMinor: 10_000n })).toEqual({ toProviderMinor: 0n, toCustomerMinor: 30_000n });
    expect(splitOnNoShow({ absent: "customer", heldMinor: 30_000n, blockPriceMinor: 10_000n })).toEqual({ toProviderMinor: 10_000n, toCustomerMinor: 20_000n });
  });
});

describe("no-show from the record", () => {
  const startsAt = new Date("2027-03-22T10:00:00Z");
  const at = (minutes: number) => new Date(startsAt.getTime() + minutes * 60_000);
  it.each([
    ["too early", "provider", 9, null, false, "too_early"],
    ["provider never seen", "provider", 10, null, false, null],
    ["provider seen before the mark", "provider", 11, at(-3), false, "provider_was_there"],
    ["provider seen only after the mark", "provider", 30, at(15), false, null],
    ["customer absent, provider there", "customer", 11, at(-1), false, null],
    ["customer absent but the provider was not there", "customer", 11, null, false, "provider_was_absent"],
    ["the customer called", "customer", 11, at(0), true, "customer_called"],
  ] as const)("%s", (_name, claimedAbsent, minutes, providerSeenAt, customerCalled, refusal) => {
    const decision = decideNoShow({ claimedAbsent, startsAt, now: at(minutes), noShowMinutes: 10, providerSeenAt, customerCalled });
    expect(decision).toEqual(refusal === null ? { allowed: true } : { allowed: false, reason: refusal });
  });
});
