import { and, eq, inArray } from "drizzle-orm";
import { tweeps } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { findOwnTweep } from "./find-own-tweep.ts";
import { toRevisionView, writePendingRevision } from "./pending-revision.ts";
import { toPublicTweep } from "./public-tweep.ts";
import { checkContent, contentOf, mergeContent, toContentColumns, type TweepContentChanges } from "./tweep-content.ts";

const EDITABLE = ["draft", "rejected"] as const;

/**
 * SPEC 2: a draft or rejected tweep is edited in place (a rejected one becomes a draft
 * again, to be submitted anew); a published one gets a pending revision while the
 * approved version stays in the catalog. Pending and archived tweeps cannot be edited.
 */
export async function updateTweep(ctx: AppContext, input: { tweepId: string; ownerId: string; changes: TweepContentChanges }) {
  const now = ctx.now();
  return withTransaction(ctx.db, async (tx) => {
    const tweep = await findOwnTweep(tx, input.tweepId, input.ownerId, { lock: true });
    if (tweep.status === "published") {
      const revision = await writePendingRevision(tx, tweep, { changes: input.changes }, now);
      return { tweep: toPublicTweep(tweep), pendingRevision: revision ? toRevisionView(revision) : null };
    }
    if (tweep.status === "pending") throw new AppError("invalid_state", "This tweep is being moderated and cannot be edited now.");
    if (tweep.status === "archived") throw new AppError("invalid_state", "An archived tweep cannot be edited.");
    const content = checkContent(tweep.type, mergeContent(contentOf(tweep), input.changes));
    const [updated] = await tx
      .update(tweeps)
      .set({ ...toContentColumns(content), status: "draft", updatedAt: now })
      .where(and(eq(tweeps.id, tweep.id), inArray(tweeps.status, EDITABLE)))
      .returning();
    if (!updated) throw new AppError("invalid_state", "This tweep changed meanwhile; reload it.");
    return { tweep: toPublicTweep(updated), pendingRevision: null };
  });
}
