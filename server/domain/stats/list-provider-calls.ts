import { sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";

export type CallOutcome = "answered" | "missed" | "declined" | "cancelled" | "ringing" | "lost";

/**
 * The provider's calls over a period with their outcome (SPEC 15 panel): answered, missed,
 * declined, cancelled, and "lost" for customers who left the queue or let their turn
 * expire. `retry` marks the automatic second ring of a missed call.
 */
export async function listProviderCalls(ctx: AppContext, input: { userId: string; from: Date; to: Date }) {
  const result = await ctx.db.execute<Record<string, unknown>>(sql`
    select s.id, s.order_id, s.customer_id, c.name as customer_name, s.medium, s.created_at as at, s.status,
      s.answered_at is not null as answered, s.retry_of_id is not null as retry
    from consultation_sessions s join users c on c.id = s.customer_id
    where s.provider_id = ${input.userId} and s.created_at >= ${input.from.toISOString()}::timestamptz and s.created_at < ${input.to.toISOString()}::timestamptz
    union all
    select q.id, q.order_id, q.customer_id, c.name, q.medium, q.ended_at, 'lost', false, false
    from queue_entries q join users c on c.id = q.customer_id
    where q.provider_id = ${input.userId} and q.status in ('left', 'expired') and q.ended_at >= ${input.from.toISOString()}::timestamptz and q.ended_at < ${input.to.toISOString()}::timestamptz
    order by at desc
    limit 500`);
  type Row = { id: string; order_id: string; customer_id: string; customer_name: string | null; medium: string; at: string | Date; status: string; answered: boolean; retry: boolean };
  const rows = ((result as unknown as { rows?: Row[] }).rows ?? []) as Row[];
  return rows.map((row) => {
    const status = String(row.status);
    const outcome: CallOutcome = row.answered ? "answered" : status === "lost" ? "lost" : (status as CallOutcome);
    return {
      id: String(row.id),
      orderId: String(row.order_id),
      customerId: String(row.customer_id),
      customerName: String(row.customer_name ?? ""),
      medium: row.medium as "video" | "text",
      at: new Date(row.at).toISOString(),
      outcome: outcome === ("live" as CallOutcome) || outcome === ("ended" as CallOutcome) ? "answered" : outcome,
      retry: Boolean(row.retry),
    };
  });
}
