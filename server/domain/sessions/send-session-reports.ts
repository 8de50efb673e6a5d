import { eq } from "drizzle-orm";
import { orders } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { readUserBalanceMinor } from "../ledger/ledger-accounts.ts";
import { splitCommission } from "../ledger/split-commission.ts";
import { notifyUsers } from "../notifications/notify-users.ts";
import type { SessionRow } from "./session-view.ts";

/**
 * After each consultation session (SPEC 15): the provider's earnings e-mail (duration, blocks,
 * gross, commission, net) and the customer's session report (duration, blocks, amount,
 * balance), each in the reader's language with an absolute link to the order. Sessions whose
 * clock never started were not sessions for anyone: no mail.
 */
export async function sendSessionReports(ctx: AppContext, row: SessionRow) {
  if (!row.clockStartedAt || !row.endedAt) return;
  const [order] = await ctx.db.select({ title: orders.title }).from(orders).where(eq(orders.id, row.orderId));
  const blocks = row.void ? 0 : row.blocksCharged;
  const perBlock = splitCommission(row.blockPriceMinor, ctx.config.commissionPercent);
  const common = {
    orderId: row.orderId,
    title: order?.title ?? {},
    durationSeconds: Math.max(0, Math.round((row.endedAt.getTime() - row.clockStartedAt.getTime()) / 1000)),
    blocks,
    currency: ctx.config.currency,
    orderUrl: `${ctx.config.siteUrl}/orders/${row.orderId}`,
  };
  await notifyUsers(ctx, [row.providerId], {
    kind: "session_earnings",
    ...common,
    grossMinor: Number(row.blockPriceMinor) * blocks,
    commissionMinor: Number(perBlock.commissionMinor) * blocks,
    netMinor: Number(perBlock.netMinor) * blocks,
  });
  await notifyUsers(ctx, [row.customerId], {
    kind: "session_report",
    ...common,
    amountMinor: Number(row.blockPriceMinor) * blocks,
    balanceMinor: Number(await readUserBalanceMinor(ctx.db, row.customerId)),
  });
}
