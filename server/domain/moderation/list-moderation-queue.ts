import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { tweepFiles, tweepRevisions, tweeps, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { toFileView } from "../tweeps/get-tweep.ts";
import { toRevisionView } from "../tweeps/pending-revision.ts";
import { toPublicTweep } from "../tweeps/public-tweep.ts";
import { tweepRowColumns } from "../tweeps/tweep-content.ts";

/**
 * SPEC 10: first submissions and edits of published tweeps that wait for a decision,
 * oldest submission first. An edit carries the published version beside the proposed one.
 * Each item lists the tweep's deliverable files, so a moderator sees what a buyer would get.
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
  const files = await readDeliverables(ctx, [...new Set(items.map((item) => item.tweepId))]);
  return { items: items.map((item) => ({ ...item, files: files.get(item.tweepId) ?? [] })) };
}

async function readDeliverables(ctx: AppContext, tweepIds: string[]) {
  const byTweep = new Map<string, ReturnType<typeof toFileView>[]>();
  if (tweepIds.length === 0) return byTweep;
  const rows = await ctx.db
    .select()
    .from(tweepFiles)
    .where(and(inArray(tweepFiles.tweepId, tweepIds), eq(tweepFiles.kind, "deliverable"), isNull(tweepFiles.deletedAt)))
    .orderBy(asc(tweepFiles.createdAt));
  for (const row of rows) byTweep.set(row.tweepId, [...(byTweep.get(row.tweepId) ?? []), toFileView(row)]);
  return byTweep;
}
