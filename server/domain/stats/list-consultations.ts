import { sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";

export type ConsultationRow = {
  id: string;
  orderId: string;
  title: { ru?: string; en?: string };
  medium: "video" | "text";
  customerId: string;
  customerName: string;
  providerId: string;
  providerName: string;
  status: string;
  startedAt: string | null;
  endedAt: string | null;
  durationSeconds: number;
  blocks: number;
  void: boolean;
  endReason: string | null;
  grossMinor: number;
  commissionMinor: number;
  netMinor: number;
};

/**
 * `GET /me/consultations` (SPEC 15): every session of the user, as provider or customer,
 * across orders, with its billing detail read from the ledger, newest first. `from`/`to` are
 * instants. Every transfer for a session carries it in its idempotency key
 * (`session:{id}:…`): its blocks (from the balance, the order's or an appointment's hold),
 * minutes drawn from a package, and blocks given back (refunds, quality credits), whose legs
 * are negative. Gross is the provider's part and the commission's, net the provider's part.
 */
export async function listConsultations(ctx: AppContext, input: { userId: string; as: "provider" | "customer"; from?: string; to?: string }) {
  const from = input.from ? new Date(input.from) : null;
  const to = input.to ? new Date(input.to) : null;
  if ((from && Number.isNaN(from.getTime())) || (to && Number.isNaN(to.getTime()))) {
    throw new AppError("validation_failed", "from and to are ISO dates or date-times.");
  }
  const fromCondition = from ? sql`and s.clock_started_at >= ${from.toISOString()}::timestamptz` : sql``;
  const toCondition = to ? sql`and s.clock_started_at < ${to.toISOString()}::timestamptz` : sql``;
  const party = input.as === "provider" ? sql`s.provider_id` : sql`s.customer_id`;
  const result = await ctx.db.execute<Record<string, unknown>>(sql`
    select s.id, s.order_id, o.title, s.medium, s.customer_id, c.name as customer_name, s.provider_id, p.name as provider_name,
      s.status, s.clock_started_at, s.ended_at, s.blocks_charged, s.void, s.end_reason,
      coalesce(extract(epoch from (coalesce(s.ended_at, now()) - s.clock_started_at)), 0)::float8 as seconds,
      coalesce(m.gross, 0)::text as gross, coalesce(m.net, 0)::text as net
    from consultation_sessions s
    join orders o on o.id = s.order_id
    join users c on c.id = s.customer_id
    join users p on p.id = s.provider_id
    left join lateral (
      select sum(case when a.kind = 'commission' or (a.user_id = s.provider_id and a.kind in ('user', 'earnings_pending')) then e.amount_minor else 0 end) as gross,
        sum(case when a.user_id = s.provider_id and a.kind in ('user', 'earnings_pending') then e.amount_minor else 0 end) as net
      from ledger_transactions t
      join ledger_entries e on e.transaction_id = t.id
      join ledger_accounts a on a.id = e.account_id
      where t.idempotency_key like 'session:' || s.id::text || ':%'
    ) m on true
    where ${party} = ${input.userId} and s.clock_started_at is not null
      ${fromCondition} ${toCondition}
    order by s.clock_started_at desc
    limit 500`);
  type Row = {
    id: string;
    order_id: string;
    title: string | ConsultationRow["title"];
    medium: ConsultationRow["medium"];
    customer_id: string;
    customer_name: string;
    provider_id: string;
    provider_name: string;
    status: string;
    clock_started_at: string | Date | null;
    ended_at: string | Date | null;
    blocks_charged: number;
    void: boolean;
    end_reason: string | null;
    seconds: number;
    gross: string;
    net: string;
  };
  const rows = ((result as unknown as { rows?: Row[] }).rows ?? []) as Row[];
  return rows.map(
    (row): ConsultationRow => ({
      id: row.id,
      orderId: row.order_id,
      title: typeof row.title === "string" ? JSON.parse(row.title) : row.title,
      medium: row.medium,
      customerId: row.customer_id,
      customerName: row.customer_name,
      providerId: row.provider_id,
      providerName: row.provider_name,
      status: row.status,
      startedAt: row.clock_started_at ? new Date(row.clock_started_at).toISOString() : null,
      endedAt: row.ended_at ? new Date(row.ended_at).toISOString() : null,
      durationSeconds: Math.max(0, Math.round(Number(row.seconds))),
      blocks: Number(row.blocks_charged),
      void: Boolean(row.void),
      endReason: row.end_reason ?? null,
      grossMinor: Number(row.gross),
      commissionMinor: Number(row.gross) - Number(row.net),
      netMinor: Number(row.net),
    }),
  );
}
