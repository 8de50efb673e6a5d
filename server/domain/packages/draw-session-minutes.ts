import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { consultationSessions, packagePurchases } from "../../../db/schema.ts";
import type { Config } from "../../context.ts";
import type { MeteredSession } from "../sessions/billing-rules.ts";
import type { SessionRow } from "../sessions/session-view.ts";
import { endPackage } from "./end-package.ts";
import { payDrawnMinute, type PurchaseRow } from "./package-money.ts";
import { drawsMinutes, MINUTE_MS, minuteDueAt, minutesOwedAt } from "./package-metering.ts";

type DrawConfig = Pick<Config, "currency" | "commissionPercent" | "clearanceHours" | "billing">;

export type MinuteDraw = { row: SessionRow; drawn: number; packagesEnded: number };

/**
 * Draws the minutes a package session owes up to `upTo` (SPEC 18), inside the caller's
 * transaction with the session row locked: each started minute of clock time takes one minute
 * from the order's active package and pays its share to the provider, less commission, in the
 * same transaction. The package's row is locked for each draw, so whatever else draws from it
 * or ends it waits, and a minute is never drawn twice (the key names session and minute).
 *
 * A package that runs out (minutes, or validity at the minute's due instant) ends, its rest
 * goes to the provider, and an automatic renewal takes over. With no active package left,
 * the session falls back to blocks from the balance from the start of the minute nobody paid.
 */
export async function drawSessionMinutes(tx: Transaction, config: DrawConfig, row: SessionRow, metered: MeteredSession, upTo: Date): Promise<MinuteDraw> {
  if (!drawsMinutes(row)) return { row, drawn: 0, packagesEnded: 0 };
  const owed = minutesOwedAt(metered, upTo, config.billing);
  if (owed <= row.minutesDrawn) return { row, drawn: 0, packagesEnded: 0 };

  let index = row.minutesDrawn;
  let purchaseId = row.packagePurchaseId;
  let minutesLeft = row.packageMinutesLeft;
  let blocksFromClockMs: number | null = null;
  let packagesEnded = 0;
  for (; index < owed; index += 1) {
    const dueAt = minuteDueAt(metered, index, config.billing);
    let purchase = await lockActivePurchase(tx, row.orderId);
    if (purchase && purchase.validUntil.getTime() <= dueAt.getTime()) {
      purchase = await endPackage(tx, config, purchase, { status: "expired", at: purchase.validUntil });
      packagesEnded += 1;
    }
    if (!purchase) {
      blocksFromClockMs = index * MINUTE_MS;
      minutesLeft = 0;
      break;
    }
    await payDrawnMinute(tx, config, purchase, { key: `session:${row.id}:minute:${index}`, sessionId: row.id, earnedAt: dueAt });
    const [drawn] = await tx
      .update(packagePurchases)
      .set({ minutesLeft: purchase.minutesLeft - 1 })
      .where(and(eq(packagePurchases.id, purchase.id), eq(packagePurchases.minutesLeft, purchase.minutesLeft)))
      .returning();
    if (!drawn) throw new Error("a locked package changed under its lock");
    purchaseId = drawn.id;
    minutesLeft = drawn.minutesLeft;
    if (drawn.minutesLeft === 0) {
      const renewal = await endPackage(tx, config, drawn, { status: "used_up", at: dueAt });
      packagesEnded += 1;
      if (renewal) {
        purchaseId = renewal.id;
        minutesLeft = renewal.minutesLeft;
      }
    }
  }
  const [updated] = await tx
    .update(consultationSessions)
    .set({ minutesDrawn: index, packagePurchaseId: purchaseId, packageMinutesLeft: minutesLeft, blocksFromClockMs })
    .where(eq(consultationSessions.id, row.id))
    .returning();
  if (!updated) throw new Error("locked session vanished");
  return { row: updated, drawn: index - row.minutesDrawn, packagesEnded };
}

/** The order's active package, locked; the one that pays the next minute. */
export async function lockActivePurchase(tx: Transaction, orderId: string): Promise<PurchaseRow | null> {
  const [purchase] = await tx
    .select()
    .from(packagePurchases)
    .where(and(eq(packagePurchases.orderId, orderId), eq(packagePurchases.status, "active")))
    .for("update");
  return purchase ?? null;
}
