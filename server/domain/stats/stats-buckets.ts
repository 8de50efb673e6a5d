// Calendar buckets of a statistics range (SPEC 18), as plain dates of the provider's zone.
// Pure date arithmetic on "YYYY-MM-DD" strings (UTC arithmetic on dates has no DST).

export type Bucket = "day" | "week";
const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week containing `date`. */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** Every bucket start from `from` to `to` inclusive (weeks start on Monday). */
export function listBucketStarts(from: string, to: string, bucket: Bucket): string[] {
  const starts: string[] = [];
  let current = bucket === "week" ? mondayOf(from) : from;
  for (let guard = 0; current <= to && guard < 1000; guard += 1) {
    starts.push(current);
    current = addDays(current, bucket === "week" ? 7 : 1);
  }
  return starts;
}

/** Today's date on the wall clock of `timeZone`. */
export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
