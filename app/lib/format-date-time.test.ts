import { describe, expect, it } from "vitest";
import { formatDateTime } from "./format-date-time.ts";

describe("formatDateTime", () => {
  it.each([
    ["2026-03-01T21:30:00Z", "en", "Europe/Moscow", "Mar 2, 2026, 12:30 AM"],
    ["2026-03-01T21:30:00Z", "en", "America/New_York", "Mar 1, 2026, 4:30 PM"],
    ["2026-03-01T21:30:00Z", "ru", "Europe/Moscow", "2 мар. 2026 г., 00:30"],
    ["2026-03-01T21:30:00Z", "en", "UTC", "Mar 1, 2026, 9:30 PM"],
  ])("%s in %s, %s", (iso, locale, timeZone, expected) => {
    // Intl separates the time from AM/PM with a narrow no-break space.
    expect(formatDateTime(iso, locale, timeZone).replace(/\u202f/g, " ")).toBe(expected);
  });

  it("survives an unknown time zone and an invalid date", () => {
    expect(formatDateTime("2026-03-01T21:30:00Z", "en", "Mars/Olympus_Mons")).toMatch(/2026/);
    expect(formatDateTime("not a date", "en", "UTC")).toBe("not a date");
  });
});
