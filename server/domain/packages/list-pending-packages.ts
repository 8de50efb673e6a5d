import { asc, eq } from "drizzle-orm";
import { tweepPackages, tweeps } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { toPackageOffer } from "./package-view.ts";

/** The moderators' queue of packages waiting for a decision, oldest first, with the tweep's title. */
export async function listPendingPackages(ctx: AppContext) {
  const rows = await ctx.db
    .select({ pkg: tweepPackages, title: tweeps.title })
    .from(tweepPackages)
    .innerJoin(tweeps, eq(tweeps.id, tweepPackages.tweepId))
    .where(eq(tweepPackages.status, "pending"))
    .orderBy(asc(tweepPackages.createdAt))
    .limit(200);
  return rows.map((r) => ({ ...toPackageOffer(r.pkg), tweepTitle: r.title }));
}
