import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { packagePurchases } from "../../../db/schema.ts";
import { lowBalanceWarningAt, type BillingSettings } from "../sessions/billing-rules.ts";
import { meteredOf } from "../sessions/charge-owed-blocks.ts";
import { readUserBalanceMinor } from "../ledger/ledger-accounts.ts";
import type { SessionRow } from "../sessions/session-view.ts";
import { blockMeteredOf, blockSettingsOf, drawsMinutes, minuteDueAt } from "./package-metering.ts";

type WarningSettings = BillingSettings & { warningSeconds: number };

/**
 * When the low-balance warning for the session's next charge is due (SPEC 5, and SPEC 18's
 * "with the usual warning"): for blocks, the usual rule; while a package pays, a warning
 * before the package runs out (its minutes, or its validity), since blocks from the balance
 * follow. An automatic renewal the balance can pay needs no warning. Null: none due.
 */
export async function lowBalanceWarningDueAt(db: Executor, session: SessionRow, settings: WarningSettings): Promise<Date | null> {
  const metered = meteredOf(session);
  if (!metered) return null;
  if (!drawsMinutes(session)) {
    const blocks = blockMeteredOf(session, metered);
    return blocks && lowBalanceWarningAt(blocks, session.blocksCharged, blockSettingsOf(session, settings));
  }
  const [purchase] = await db
    .select()
    .from(packagePurchases)
    .where(and(eq(packagePurchases.orderId, session.orderId), eq(packagePurchases.status, "active")));
  if (purchase?.autoRenew && (await readUserBalanceMinor(db, session.customerId)) >= purchase.priceMinor) return null;
  const minutesLeft = purchase?.minutesLeft ?? 0;
  // The first minute no package pays falls due then, if the clock runs on.
  const runOutAt = minuteDueAt(metered, session.minutesDrawn + minutesLeft, settings).getTime();
  const endsAt = purchase ? Math.min(runOutAt, purchase.validUntil.getTime()) : runOutAt;
  return new Date(Math.max(metered.clockStartedAt.getTime(), endsAt - settings.warningSeconds * 1000));
}
