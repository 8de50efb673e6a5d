import { describe, expect, it } from "vitest";
import { normalizePhone } from "./normalize-phone.ts";
import { isIanaTimeZone } from "./update-profile.ts";

describe("normalizePhone", () => {
  it.each([
    ["+79990000001", "+79990000001"],
    ["+7 (999) 000-00-01", "+79990000001"],
    ["8 999 000 00 01", "+79990000001"],
    ["9990000001", "+79990000001"],
    ["+39 347 123 4567", "+393471234567"],
    ["+1 212 555 0123", "+12125550123"],
  ])("reads %s as %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(["", "12", "+7 000 000", "not a phone", "+999 123", "+7999000000112345"])("refuses %j", (input) => {
    expect(() => normalizePhone(input)).toThrow(expect.objectContaining({ code: "invalid_phone" }));
  });
});

describe("isIanaTimeZone", () => {
  it.each(["Europe/Moscow", "Europe/Berlin", "America/New_York", "America/Argentina/Buenos_Aires", "UTC"])("accepts %s", (zone) => {
    expect(isIanaTimeZone(zone)).toBe(true);
  });
  it.each(["Mars/Olympus", "", "Europe/Moscow; DROP TABLE", "+03:00", "../etc/passwd"])("refuses %j", (zone) => {
    expect(isIanaTimeZone(zone)).toBe(false);
  });
});
