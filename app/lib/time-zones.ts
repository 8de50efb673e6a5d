// The time zone is chosen explicitly (SPEC.md section 1, seed 004): we list every IANA zone
// the browser knows, grouped by region, with its current UTC offset to help people find
// theirs.

export type TimeZoneOption = { id: string; label: string };
export type TimeZoneGroup = { region: string; zones: TimeZoneOption[] };

function getOffsetLabel(timeZone: string, now: Date): string {
  try {
    const part = new Intl.DateTimeFormat("en", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(now)
      .find((item) => item.type === "timeZoneName")?.value;
    // "GMT+03:00" reads as "UTC+03:00"; plain "GMT" is UTC itself.
    return part === "GMT" || !part ? "UTC" : part.replace("GMT", "UTC");
  } catch {
    return "";
  }
}

export function listTimeZones(extra: readonly string[] = [], now = new Date()): TimeZoneGroup[] {
  const supported =
    typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["Europe/Moscow", "UTC"];
  const ids = [...new Set([...supported, "UTC", ...extra.filter(Boolean)])];
  const groups = new Map<string, TimeZoneOption[]>();
  for (const id of ids) {
    const slash = id.indexOf("/");
    const region = slash === -1 ? "UTC" : id.slice(0, slash);
    const city = (slash === -1 ? id : id.slice(slash + 1)).replaceAll("_", " ").replaceAll("/", " / ");
    const offset = getOffsetLabel(id, now);
    const zones = groups.get(region) ?? [];
    zones.push({ id, label: offset ? `${city} (${offset})` : city });
    groups.set(region, zones);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([region, zones]) => ({ region, zones: zones.sort((a, b) => a.label.localeCompare(b.label)) }));
}

export function getDeviceTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
