import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { tweepRevisions } from "../../../db/schema.ts";
import { AppError } from "../../errors.ts";
import {
  checkContent,
  contentOf,
  mergeContent,
  type RevisionRow,
  toContentColumns,
  toContentView,
  type TweepContentChanges,
  type TweepRow,
} from "./tweep-content.ts";

/**
 * SPEC 2: an edit of a published tweep waits for moderation in its one pending revision
 * (a unique index keeps it one); the tweep row, which the catalog shows, is not touched.
 * Editing again updates that revision. The caller holds the tweep row's lock.
 */
export async function writePendingRevision(
  tx: Transaction,
  tweep: TweepRow,
  change: { changes?: TweepContentChanges; coverFileId?: string },
  now: Date,
): Promise<RevisionRow> {
  const [pending] = await tx
    .select()
    .from(tweepRevisions)
    .where(and(eq(tweepRevisions.tweepId, tweep.id), eq(tweepRevisions.status, "pending")))
    .for("update");
  const base = pending ?? tweep;
  const content = checkContent(tweep.type, mergeContent(contentOf(base), change.changes ?? {}));
  const values = { ...toContentColumns(content), coverFileId: change.coverFileId ?? base.coverFileId, updatedAt: now };
  if (pending) {
    const [updated] = await tx
      .update(tweepRevisions)
      .set(values)
      .where(and(eq(tweepRevisions.id, pending.id), eq(tweepRevisions.status, "pending")))
      .returning();
    if (!updated) throw new AppError("invalid_state", "The pending edit was decided meanwhile; try again.");
    return updated;
  }
  const [created] = await tx
    .insert(tweepRevisions)
    .values({ tweepId: tweep.id, status: "pending", ...values, createdAt: now })
    .returning();
  return created!;
}

export function toRevisionView(revision: RevisionRow) {
  return {
    id: revision.id,
    status: revision.status,
    rejectionReason: revision.rejectionReason,
    ...toContentView(revision),
    createdAt: revision.createdAt.toISOString(),
    updatedAt: revision.updatedAt.toISOString(),
    decidedAt: revision.decidedAt?.toISOString() ?? null,
  };
}
