import { desc, eq, inArray } from "drizzle-orm";
import { tweepRevisions, tweeps } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { toRevisionView } from "./pending-revision.ts";
import { toPublicTweep } from "./public-tweep.ts";
import { type RevisionRow, tweepRowColumns } from "./tweep-content.ts";

/**
 * The provider's own tweeps in every status, newest first, with the moderator's reason
 * for a rejected first submission and the state of the latest edit of a published one.
 */
export async function listMyTweeps(ctx: AppContext, input: { ownerId: string }) {
  const rows = await ctx.db.select(tweepRowColumns).from(tweeps).where(eq(tweeps.providerId, input.ownerId)).orderBy(desc(tweeps.createdAt));
  const revisions = rows.length
    ? await ctx.db
        .select()
        .from(tweepRevisions)
        .where(
          inArray(
            tweepRevisions.tweepId,
            rows.map((row) => row.id),
          ),
        )
        .orderBy(desc(tweepRevisions.createdAt))
    : [];
  const latest = new Map<string, RevisionRow>();
  for (const revision of revisions) if (!latest.has(revision.tweepId)) latest.set(revision.tweepId, revision);
  return {
    items: rows.map((tweep) => {
      const revision = latest.get(tweep.id);
      return {
        ...toPublicTweep(tweep),
        rejectionReason: tweep.rejectionReason,
        createdAt: tweep.createdAt.toISOString(),
        submittedAt: tweep.submittedAt?.toISOString() ?? null,
        publishedAt: tweep.publishedAt?.toISOString() ?? null,
        latestRevision: revision ? toRevisionView(revision) : null,
      };
    }),
  };
}
