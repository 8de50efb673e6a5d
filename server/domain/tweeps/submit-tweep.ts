import { and, eq } from "drizzle-orm";
import { tweeps } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { findOwnTweep } from "./find-own-tweep.ts";
import { toPublicTweep } from "./public-tweep.ts";

/** SPEC 2: draft → pending moderation. The content was checked when it was saved. */
export async function submitTweep(ctx: AppContext, input: { tweepId: string; ownerId: string }) {
  const now = ctx.now();
  const [submitted] = await ctx.db
    .update(tweeps)
    .set({ status: "pending", submittedAt: now, updatedAt: now, rejectionReason: null })
    .where(and(eq(tweeps.id, input.tweepId), eq(tweeps.providerId, input.ownerId), eq(tweeps.status, "draft")))
    .returning();
  if (submitted) return toPublicTweep(submitted);
  const tweep = await findOwnTweep(ctx.db, input.tweepId, input.ownerId);
  throw new AppError("invalid_state", `Only a draft can be submitted; this tweep is ${tweep.status}.`);
}
