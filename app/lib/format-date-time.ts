/**
 * A moment in the person's language and in the time zone they chose in Settings. A zone
 * the browser does not know falls back to the device's own rather than failing the page.
 */
export function formatDateTime(iso: string, locale: string, timeZone: string | null | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: timeZone ?? undefined }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
  }
}
