import { describe, expect, it } from "vitest";
import { filterTimeZones, labelTimeZone, listTimeZones } from "./time-zones.ts";

const winter = new Date("2026-01-15T12:00:00Z");

describe("time-zone names", () => {
  it("names a zone in the interface language, with its city and offset", () => {
    expect(labelTimeZone("Europe/Berlin", "ru", winter)).toBe("Berlin — Центральная Европа (UTC+01:00)");
    expect(labelTimeZone("Europe/Berlin", "en", winter)).toBe("Berlin — Central European Time (UTC+01:00)");
    expect(labelTimeZone("UTC", "ru", winter)).toBe("UTC (UTC)");
  });

  it("lists every zone, grouped by region, labelled in the locale", () => {
    const groups = listTimeZones([], winter, "ru");
    const europe = groups.find((group) => group.region === "Europe")!;
    expect(europe.zones.find((zone) => zone.id === "Europe/Moscow")!.label).toContain("Москва");
  });
});

describe("searching time zones", () => {
  const zones = listTimeZones([], winter, "ru").flatMap((group) => group.zones);

  it("finds zones by a word of the localized name, of the id, or by offset, in any case", () => {
    expect(filterTimeZones(zones, "москва").map((zone) => zone.id)).toContain("Europe/Moscow");
    expect(filterTimeZones(zones, "EUROPE berl").map((zone) => zone.id)).toEqual(["Europe/Berlin"]);
    expect(filterTimeZones(zones, "new york").map((zone) => zone.id)).toEqual(["America/New_York"]);
    // India's zone is Asia/Kolkata, or Asia/Calcutta in an older ICU.
    expect(filterTimeZones(zones, "UTC+05:30").some((zone) => /^Asia\/(Kolkata|Calcutta)$/.test(zone.id))).toBe(true);
  });

  it("returns everything for an empty query and nothing for nonsense", () => {
    expect(filterTimeZones(zones, "  ")).toHaveLength(zones.length);
    expect(filterTimeZones(zones, "qqqzzz")).toEqual([]);
  });
});
