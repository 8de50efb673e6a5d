import { desc, eq } from "drizzle-orm";
import { tweepPackages, tweeps } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { toPackageOffer } from "./package-view.ts";

/** The provider's own packages on a tweep, whatever their moderation status. */
export async function listTweepPackages(ctx: AppContext, input: { tweepId: string; providerId: string }) {
  const [tweep] = await ctx.db.select({ providerId: tweeps.providerId }).from(tweeps).where(eq(tweeps.id, input.tweepId));
  if (!tweep || tweep.providerId !== input.providerId) throw new AppError("not_found", "There is no such tweep of yours.");
  const rows = await ctx.db.select().from(tweepPackages).where(eq(tweepPackages.tweepId, input.tweepId)).orderBy(desc(tweepPackages.createdAt));
  return rows.map(toPackageOffer);
}
