import { and, eq, sql } from "drizzle-orm";
import { tweepFiles, tweeps } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { findOwnTweep } from "./find-own-tweep.ts";
import { toPublicTweep } from "./public-tweep.ts";

/**
 * SPEC 2: draft → pending moderation. The content was checked when it was saved; what a
 * save cannot know is checked here: a files tweep must deliver something (SPEC 7), at
 * least one uploaded file or link, or a customer would pay for nothing.
 */
export async function submitTweep(ctx: AppContext, input: { tweepId: string; ownerId: string }) {
  const now = ctx.now();
  const [submitted] = await ctx.db
    .update(tweeps)
    .set({ status: "pending", submittedAt: now, updatedAt: now, rejectionReason: null })
    .where(and(eq(tweeps.id, input.tweepId), eq(tweeps.providerId, input.ownerId), eq(tweeps.status, "draft"), hasSomethingToDeliver))
    .returning();
  if (submitted) return toPublicTweep(submitted);
  const tweep = await findOwnTweep(ctx.db, input.tweepId, input.ownerId);
  if (tweep.status === "draft" && tweep.type === "files") {
    throw new AppError("files_required", "A files tweep needs at least one file or link before it can be submitted.");
  }
  throw new AppError("invalid_state", `Only a draft can be submitted; this tweep is ${tweep.status}.`);
}

// True for every tweep but one of files with neither a deliverable file nor a link.
const hasSomethingToDeliver = sql`(${tweeps.type} <> 'files'
  OR CASE WHEN jsonb_typeof(${tweeps.links}) = 'array' THEN jsonb_array_length(${tweeps.links}) ELSE 0 END > 0
  OR EXISTS (SELECT 1 FROM ${tweepFiles} WHERE ${tweepFiles.tweepId} = ${tweeps.id} AND ${tweepFiles.kind} = 'deliverable' AND ${tweepFiles.deletedAt} IS NULL))`;
