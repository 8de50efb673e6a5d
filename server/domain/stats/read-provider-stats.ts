import { eq, sql } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { addDays, listBucketStarts, mondayOf, todayIn, type Bucket } from "./stats-buckets.ts";

/**
 * Ledger kinds that pay a provider for consultations, or give such pay back (their provider
 * leg is negative): blocks from the balance, the order's prepaid hold or an appointment's hold,
 * minutes drawn from a package and what is left of it, an appointment hold's release, late
 * cancellation and no-show, and the refunds of SPEC 17-19. A dispute's resolution counts when
 * its order is a consultation. Money moving from pending to available (`earnings_cleared`) is
 * not earned again, and work and files orders are not consultations.
 */
export const CONSULTATION_EARNING_KINDS = [
  "session_block",
  "session_prepaid_block",
  "appointment_block",
  "package_minute",
  "package_rest",
  "appointment_release",
  "appointment_cancellation",
  "appointment_no_show",
  "session_block_refund",
  "session_quality_credit",
  "appointment_block_refund",
  "session_report_refund",
] as const;
const MAX_DAYS = 366 * 2;

export type StatsPoint = {
  start: string;
  earningsMinor: number;
  grossMinor: number;
  sessions: number;
  minutes: number;
  answered: number;
  missed: number;
};

/**
 * The provider's statistics (SPEC 18): per day or week of their own time zone, earnings
 * (net and gross, read from the ledger: what reached their pending or available account for
 * consultations, less what was given back), ended
 * sessions and their clock minutes, calls answered and missed. Every bucket of the range is
 * present, empty ones as zeros, so a plot and a CSV show the days nothing happened.
 */
export async function readProviderStats(ctx: AppContext, input: { userId: string; from?: string; to?: string; bucket: Bucket }) {
  const [user] = await ctx.db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, input.userId));
  if (!user) throw new AppError("not_found", "There is no such user.");
  const timeZone = user.timeZone;
  const to = input.to ?? todayIn(timeZone, ctx.now());
  const from = input.from ?? addDays(to, -29);
  if (from > to) throw new AppError("validation_failed", "from must not be after to.");
  if (Date.parse(to) - Date.parse(from) > MAX_DAYS * 86_400_000) throw new AppError("validation_failed", "The range is at most two years.");
  const starts = listBucketStarts(from, to, input.bucket);
  const rangeStart = input.bucket === "week" ? mondayOf(from) : from;
  const rangeEnd = addDays(input.bucket === "week" ? addDays(mondayOf(to), 6) : to, 1);
  const unit = input.bucket === "week" ? "week" : "day";
  // Local midnight of the range's first and last-plus-one day, as instants.
  const startAt = sql`(${rangeStart}::date)::timestamp at time zone ${timeZone}`;
  const endAt = sql`(${rangeEnd}::date)::timestamp at time zone ${timeZone}`;
  const bucketOf = (column: string) => sql.raw(`to_char(date_trunc('${unit}', ${column} at time zone `);

  const [money, sessions, calls] = await Promise.all([
    // Net: the provider's own legs (pending or available: SPEC 17 credits pending first) in
    // transactions where they are the provider: of their order, or emptying the hold of their
    // appointment (those transfers name no order). A provider who is someone else's customer
    // pays in the same kinds; their legs as payer are not earnings. Gross adds the commission's
    // legs: the price of the provider's part (a late cancellation's part given back to the
    // customer is not in it).
    ctx.db.execute<{ bucket: string; net: string; gross: string }>(sql`
      with mine as (
        select t.id, t.created_at, sum(e.amount_minor) as net
        from ledger_entries e
        join ledger_accounts a on a.id = e.account_id
        join ledger_transactions t on t.id = e.transaction_id
        where a.user_id = ${input.userId} and a.kind in ('user', 'earnings_pending')
          and t.created_at >= ${startAt} and t.created_at < ${endAt}
          and (
            (t.kind in (${sql.join(CONSULTATION_EARNING_KINDS.map((kind) => sql`${kind}`), sql`, `)})
              and (exists (select 1 from orders o where o.id = t.order_id and o.provider_id = ${input.userId})
                or exists (select 1 from ledger_entries he join ledger_accounts ha on ha.id = he.account_id
                  join appointments ap on ap.id = ha.appointment_id
                  where he.transaction_id = t.id and ap.provider_id = ${input.userId})))
            or (t.kind = 'dispute_resolution'
              and exists (select 1 from orders o where o.id = t.order_id and o.provider_id = ${input.userId} and o.type = 'consultation')))
        group by t.id, t.created_at
      )
      select ${bucketOf("m.created_at")}${timeZone}), 'YYYY-MM-DD') as bucket,
        coalesce(sum(m.net), 0)::text as net,
        coalesce(sum(m.net + coalesce((select sum(c.amount_minor) from ledger_entries c join ledger_accounts ca on ca.id = c.account_id
          where c.transaction_id = m.id and ca.kind = 'commission'), 0)), 0)::text as gross
      from mine m
      group by 1`),
    ctx.db.execute<{ bucket: string; sessions: number; seconds: string }>(sql`
      select ${bucketOf("s.ended_at")}${timeZone}), 'YYYY-MM-DD') as bucket,
        count(*)::int as sessions,
        coalesce(sum(extract(epoch from (s.ended_at - s.clock_started_at))), 0)::text as seconds
      from consultation_sessions s
      where s.provider_id = ${input.userId} and s.status = 'ended' and s.clock_started_at is not null
        and s.ended_at >= ${startAt} and s.ended_at < ${endAt}
      group by 1`),
    ctx.db.execute<{ bucket: string; answered: number; missed: number }>(sql`
      select ${bucketOf("s.created_at")}${timeZone}), 'YYYY-MM-DD') as bucket,
        count(*) filter (where s.answered_at is not null)::int as answered,
        count(*) filter (where s.status = 'missed')::int as missed
      from consultation_sessions s
      where s.provider_id = ${input.userId}
        and s.created_at >= ${startAt} and s.created_at < ${endAt}
      group by 1`),
  ]);
  const byBucket = new Map<string, StatsPoint>(
    starts.map((start) => [start, { start, earningsMinor: 0, grossMinor: 0, sessions: 0, minutes: 0, answered: 0, missed: 0 }]),
  );
  for (const row of rowsOf<{ bucket: string; net: string; gross: string }>(money)) {
    const point = byBucket.get(row.bucket);
    if (point) Object.assign(point, { earningsMinor: Number(row.net), grossMinor: Number(row.gross) });
  }
  for (const row of rowsOf<{ bucket: string; sessions: number; seconds: string }>(sessions)) {
    const point = byBucket.get(row.bucket);
    if (point) Object.assign(point, { sessions: Number(row.sessions), minutes: Math.round(Number(row.seconds) / 60) });
  }
  for (const row of rowsOf<{ bucket: string; answered: number; missed: number }>(calls)) {
    const point = byBucket.get(row.bucket);
    if (point) Object.assign(point, { answered: Number(row.answered), missed: Number(row.missed) });
  }
  const series = [...byBucket.values()];
  const totals = series.reduce(
    (sum, point) => ({
      earningsMinor: sum.earningsMinor + point.earningsMinor,
      grossMinor: sum.grossMinor + point.grossMinor,
      sessions: sum.sessions + point.sessions,
      minutes: sum.minutes + point.minutes,
      answered: sum.answered + point.answered,
      missed: sum.missed + point.missed,
    }),
    { earningsMinor: 0, grossMinor: 0, sessions: 0, minutes: 0, answered: 0, missed: 0 },
  );
  return { from, to, bucket: input.bucket, timeZone, currency: ctx.config.currency, series, totals };
}

/** PGlite answers `execute` with `{ rows }`, node-postgres likewise; both are read the same way. */
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}
