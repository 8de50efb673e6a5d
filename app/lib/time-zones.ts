// The time zone is chosen explicitly (SPEC.md section 1, seed 004): we list every IANA zone
// the browser knows, grouped by region, named in the interface language (the generic name,
// "Central European Time" / "Центральная Европа") with its current UTC offset and the
// zone's city, so people can find theirs by any of them.

export type TimeZoneOption = { id: string; label: string };
export type TimeZoneGroup = { region: string; zones: TimeZoneOption[] };

function getZoneName(timeZone: string, locale: string, style: "longOffset" | "longGeneric", now: Date): string {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style }).formatToParts(now).find((item) => item.type === "timeZoneName")?.value ?? "";
  } catch {
    return "";
  }
}

function getOffsetLabel(timeZone: string, now: Date): string {
  const part = getZoneName(timeZone, "en", "longOffset", now);
  // "GMT+03:00" reads as "UTC+03:00"; plain "GMT" is UTC itself.
  if (part === "") return "";
  return /^GMT([+-]00:00)?$/.test(part) ? "UTC" : part.replace("GMT", "UTC");
}

/** "Berlin — Центральная Европа (UTC+01:00)"; a zone with no generic name shows city and offset only. */
export function labelTimeZone(id: string, locale: string, now = new Date()): string {
  const slash = id.indexOf("/");
  const city = (slash === -1 ? id : id.slice(slash + 1)).replaceAll("_", " ").replaceAll("/", " / ");
  const offset = getOffsetLabel(id, now);
  const generic = getZoneName(id, locale, "longGeneric", now);
  // Zones without a name of their own (UTC, Etc/GMT+5) get "GMT+00:00" back: the offset says that already.
  const named = generic && !/^(GMT|UTC)([+-−]|$)/.test(generic) && generic !== city ? `${city} — ${generic}` : city;
  return offset ? `${named} (${offset})` : named;
}

export function listTimeZones(extra: readonly string[] = [], now = new Date(), locale = "en"): TimeZoneGroup[] {
  const supported =
    typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["Europe/Moscow", "UTC"];
  const ids = [...new Set([...supported, "UTC", ...extra.filter(Boolean)])];
  const groups = new Map<string, TimeZoneOption[]>();
  for (const id of ids) {
    const slash = id.indexOf("/");
    const region = slash === -1 ? "UTC" : id.slice(0, slash);
    const zones = groups.get(region) ?? [];
    zones.push({ id, label: labelTimeZone(id, locale, now) });
    groups.set(region, zones);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([region, zones]) => ({ region, zones: zones.sort((a, b) => a.label.localeCompare(b.label, locale)) }));
}

/**
 * The zones whose label or id contains every word typed, in any case ("моск", "europe
 * berl", "+03"); all of them for an empty query.
 */
export function filterTimeZones(zones: readonly TimeZoneOption[], query: string): TimeZoneOption[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...zones];
  return zones.filter((zone) => {
    const haystack = `${zone.label} ${zone.id.replaceAll("_", " ")}`.toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

export function getDeviceTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
