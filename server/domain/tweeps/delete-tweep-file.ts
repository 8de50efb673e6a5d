import { and, eq, isNull } from "drizzle-orm";
import { tweepFiles } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { findOwnTweep } from "./find-own-tweep.ts";

/**
 * Soft delete: the file leaves the tweep, but its row and bytes stay, because buyers who
 * already paid for it may still be entitled to download it.
 */
export async function deleteTweepFile(ctx: AppContext, input: { tweepId: string; fileId: string; ownerId: string }) {
  const tweep = await findOwnTweep(ctx.db, input.tweepId, input.ownerId);
  if (tweep.status === "archived") throw new AppError("invalid_state", "An archived tweep cannot be changed.");
  const [deleted] = await ctx.db
    .update(tweepFiles)
    .set({ deletedAt: ctx.now() })
    .where(
      and(
        eq(tweepFiles.id, input.fileId),
        eq(tweepFiles.tweepId, tweep.id),
        eq(tweepFiles.kind, "deliverable"),
        isNull(tweepFiles.deletedAt),
      ),
    )
    .returning({ id: tweepFiles.id });
  if (!deleted) throw new AppError("not_found", "There is no such file on this tweep.");
}
