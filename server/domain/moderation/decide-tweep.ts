import { and, eq } from "drizzle-orm";
import { moderationDecisions, tweepRevisions, tweeps } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { withTransaction } from "../../../db/with-transaction.ts";

export type Decision = { tweepId: string; moderatorId: string; version?: string } & ({ decision: "approve" } | { decision: "reject"; reason: string });

/**
 * SPEC 10: approve or reject what waits for moderation on a tweep: its first submission
 * (pending → published | rejected) or the pending edit of a published tweep (copied into
 * the tweep, or rejected while the published version stays). The decision is logged in the
 * same transaction as the guarded status change; nothing pending → 409. With `version`
 * (the queue item's), an edit changed after the moderator opened it is left pending and
 * answered 409 revision_changed, so nobody approves content they have not seen.
 */
export async function decideTweep(ctx: AppContext, input: Decision) {
  const now = ctx.now();
  const reason = input.decision === "reject" ? input.reason.trim() : null;
  if (input.decision === "reject" && !reason) throw new AppError("validation_failed", "reason: a rejection needs a reason");
  const seen = input.version === undefined ? undefined : new Date(input.version);
  if (seen && Number.isNaN(seen.getTime())) throw new AppError("validation_failed", "version: not a version from the queue");
  const changed = () =>
    new AppError("revision_changed", "The provider changed this tweep after you opened it; review the new version.");
  return withTransaction(ctx.db, async (tx) => {
    // Nobody judges their own tweep, moderators included.
    const [own] = await tx
      .select({ id: tweeps.id })
      .from(tweeps)
      .where(and(eq(tweeps.id, input.tweepId), eq(tweeps.providerId, input.moderatorId)));
    if (own) throw new AppError("forbidden", "Another moderator has to decide on your own tweep.");
    const [submission] = await tx
      .update(tweeps)
      .set(
        input.decision === "approve"
          ? { status: "published", publishedAt: now, rejectionReason: null, updatedAt: now }
          : { status: "rejected", rejectionReason: reason, updatedAt: now },
      )
      .where(and(eq(tweeps.id, input.tweepId), eq(tweeps.status, "pending"), seen ? eq(tweeps.updatedAt, seen) : undefined))
      .returning({ id: tweeps.id, status: tweeps.status });
    if (submission) {
      await tx.insert(moderationDecisions).values({
        tweepId: input.tweepId,
        moderatorId: input.moderatorId,
        decision: input.decision,
        reason,
        createdAt: now,
      });
      return { tweepId: input.tweepId, revisionId: null, status: submission.status };
    }

    const [published] = await tx
      .select({ id: tweeps.id })
      .from(tweeps)
      .where(and(eq(tweeps.id, input.tweepId), eq(tweeps.status, "published")))
      .for("update");
    const [revision] = published
      ? await tx
          .update(tweepRevisions)
          .set({ status: input.decision === "approve" ? "approved" : "rejected", rejectionReason: reason, decidedAt: now, updatedAt: now })
          .where(
            and(
              eq(tweepRevisions.tweepId, input.tweepId),
              eq(tweepRevisions.status, "pending"),
              seen ? eq(tweepRevisions.updatedAt, seen) : undefined,
            ),
          )
          .returning()
      : [];
    if (!revision) {
      if (seen) {
        // Something waits, but not what the moderator saw.
        const [pendingTweep] = await tx
          .select({ id: tweeps.id })
          .from(tweeps)
          .where(and(eq(tweeps.id, input.tweepId), eq(tweeps.status, "pending")));
        const [pendingEdit] = published
          ? await tx
              .select({ id: tweepRevisions.id })
              .from(tweepRevisions)
              .where(and(eq(tweepRevisions.tweepId, input.tweepId), eq(tweepRevisions.status, "pending")))
          : [];
        if (pendingTweep || pendingEdit) throw changed();
      }
      const [exists] = await tx.select({ status: tweeps.status }).from(tweeps).where(eq(tweeps.id, input.tweepId));
      if (!exists) throw new AppError("not_found", "There is no such tweep.");
      throw new AppError("invalid_state", `Nothing on this tweep waits for moderation (it is ${exists.status}).`);
    }
    if (input.decision === "approve") {
      const [applied] = await tx
        .update(tweeps)
        .set({
          languages: revision.languages,
          title: revision.title,
          description: revision.description,
          category: revision.category,
          videoPriceMinor: revision.videoPriceMinor,
          textPriceMinor: revision.textPriceMinor,
          priceMinor: revision.priceMinor,
          links: revision.links,
          region: revision.region,
          coverFileId: revision.coverFileId,
          updatedAt: now,
        })
        .where(and(eq(tweeps.id, input.tweepId), eq(tweeps.status, "published")))
        .returning({ id: tweeps.id });
      if (!applied) throw new AppError("invalid_state", "The tweep left the catalog meanwhile.");
    }
    await tx.insert(moderationDecisions).values({
      tweepId: input.tweepId,
      revisionId: revision.id,
      moderatorId: input.moderatorId,
      decision: input.decision,
      reason,
      createdAt: now,
    });
    return { tweepId: input.tweepId, revisionId: revision.id, status: "published" as const };
  });
}
