import type { TimeZoneGroup } from "../lib/time-zones.ts";

/** The options of a time-zone <select>, grouped by region (see listTimeZones). */
export function TimeZoneOptions({ groups }: { groups: TimeZoneGroup[] }) {
  return groups.map((group) => (
    <optgroup key={group.region} label={group.region}>
      {group.zones.map((zone) => (
        <option key={zone.id} value={zone.id}>
          {zone.label}
        </option>
      ))}
    </optgroup>
  ));
}
