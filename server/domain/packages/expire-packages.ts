import { and, asc, eq, lte } from "drizzle-orm";
import { packagePurchases } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { readUserBalanceMinor } from "../ledger/ledger-accounts.ts";
import { endPackage } from "./end-package.ts";

const BATCH = 100;

/**
 * SPEC 18: a package whose validity ran out ends even when no session draws from it; the
 * rest of its hold goes to the provider, and automatic renewal buys it again if it can.
 * A package a session is drawing from is locked by that draw; it is skipped and ended by
 * the draw itself or on the next run.
 */
export async function expirePackages(ctx: AppContext) {
  const now = ctx.now();
  const due = await ctx.db
    .select({ id: packagePurchases.id })
    .from(packagePurchases)
    .where(and(eq(packagePurchases.status, "active"), lte(packagePurchases.validUntil, now)))
    .orderBy(asc(packagePurchases.validUntil))
    .limit(BATCH);
  let expired = 0;
  for (const { id } of due) {
    const ended = await withTransaction(ctx.db, async (tx) => {
      const [purchase] = await tx
        .select()
        .from(packagePurchases)
        .where(and(eq(packagePurchases.id, id), eq(packagePurchases.status, "active"), lte(packagePurchases.validUntil, now)))
        .for("update", { skipLocked: true });
      if (!purchase) return null;
      const renewal = await endPackage(tx, ctx.config, purchase, { status: "expired", at: purchase.validUntil });
      return { purchase, renewal };
    });
    if (!ended) continue;
    expired += 1;
    // After commit (docs/architecture.md rule 6): both wallets moved.
    for (const userId of [ended.purchase.customerId, ended.purchase.providerId]) {
      ctx.live.toUser(userId, "wallet:updated", { balanceMinor: Number(await readUserBalanceMinor(ctx.db, userId)) });
    }
  }
  return { expired };
}
