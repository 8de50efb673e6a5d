import { and, asc, eq } from "drizzle-orm";
import { tweepRevisions, tweeps, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { toRevisionView } from "../tweeps/pending-revision.ts";
import { toPublicTweep } from "../tweeps/public-tweep.ts";
import { tweepRowColumns } from "../tweeps/tweep-content.ts";

/**
 * SPEC 10: first submissions and edits of published tweeps that wait for a decision,
 * oldest submission first. An edit carries the published version beside the proposed one.
 */
export async function listModerationQueue(ctx: AppContext) {
  const submissions = await ctx.db
    .select({ tweep: tweepRowColumns, providerName: users.name })
    .from(tweeps)
    .innerJoin(users, eq(users.id, tweeps.providerId))
    .where(eq(tweeps.status, "pending"))
    .orderBy(asc(tweeps.submittedAt));
  const edits = await ctx.db
    .select({ tweep: tweepRowColumns, revision: tweepRevisions, providerName: users.name })
    .from(tweepRevisions)
    .innerJoin(tweeps, eq(tweeps.id, tweepRevisions.tweepId))
    .innerJoin(users, eq(users.id, tweeps.providerId))
    .where(and(eq(tweepRevisions.status, "pending"), eq(tweeps.status, "published")))
    .orderBy(asc(tweepRevisions.createdAt));
  const items = [
    ...submissions.map(({ tweep, providerName }) => ({
      kind: "submission" as const,
      tweepId: tweep.id,
      revisionId: null,
      version: tweep.updatedAt.toISOString(),
      submittedAt: (tweep.submittedAt ?? tweep.updatedAt).toISOString(),
      providerName,
      proposed: toPublicTweep(tweep),
      published: null,
    })),
    ...edits.map(({ tweep, revision, providerName }) => ({
      kind: "revision" as const,
      tweepId: tweep.id,
      revisionId: revision.id,
      // Every edit of the pending revision moves it (pending-revision.ts).
      version: revision.updatedAt.toISOString(),
      submittedAt: revision.createdAt.toISOString(),
      providerName,
      proposed: { ...toPublicTweep(tweep), ...toRevisionView(revision), id: tweep.id, status: tweep.status },
      published: toPublicTweep(tweep),
    })),
  ];
  items.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  return { items };
}
