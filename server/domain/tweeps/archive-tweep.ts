import { and, eq, ne } from "drizzle-orm";
import { tweeps } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { findOwnTweep } from "./find-own-tweep.ts";
import { toPublicTweep } from "./public-tweep.ts";

/**
 * SPEC 2: the owner takes a tweep off the catalog. Orders keep their own copy of price and
 * title, so open orders go on untouched. A pending revision stays as it is but leaves the
 * moderators' queue, which shows only revisions of published tweeps.
 */
export async function archiveTweep(ctx: AppContext, input: { tweepId: string; ownerId: string }) {
  const now = ctx.now();
  const [archived] = await ctx.db
    .update(tweeps)
    .set({ status: "archived", updatedAt: now })
    .where(and(eq(tweeps.id, input.tweepId), eq(tweeps.providerId, input.ownerId), ne(tweeps.status, "archived")))
    .returning();
  if (archived) return toPublicTweep(archived);
  await findOwnTweep(ctx.db, input.tweepId, input.ownerId);
  throw new AppError("invalid_state", "This tweep is already archived.");
}
