import { asc, eq } from "drizzle-orm";
import { payouts } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { toPublicPayout } from "./request-payout.ts";

export async function listPayouts(ctx: AppContext, status: "requested" | "paid") {
  const rows = await ctx.db.select().from(payouts).where(eq(payouts.status, status)).orderBy(asc(payouts.createdAt)).limit(500);
  return rows.map(toPublicPayout);
}
