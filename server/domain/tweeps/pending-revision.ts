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
 * Editing again updates that revision. A change that changes nothing (an empty PATCH, the
 * same values again) writes nothing: no revision for the moderators to compare, and the
 * pending one keeps the version a moderator may be looking at. The caller holds the
 * tweep row's lock.
 */
export async function writePendingRevision(
  tx: Transaction,
  tweep: TweepRow,
  change: { changes?: TweepContentChanges; coverFileId?: string },
  now: Date,
): Promise<RevisionRow | null> {
  const [pending] = await tx
    .select()
    .from(tweepRevisions)
    .where(and(eq(tweepRevisions.tweepId, tweep.id), eq(tweepRevisions.status, "pending")))
    .for("update");
  const base = pending ?? tweep;
  const content = checkContent(tweep.type, mergeContent(contentOf(base), change.changes ?? {}));
  const columns = { ...toContentColumns(content), coverFileId: change.coverFileId ?? base.coverFileId };
  if (Object.entries(columns).every(([key, value]) => sameValue(value, base[key as keyof typeof columns]))) return pending ?? null;
  const values = { ...columns, updatedAt: now };
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

/** Column values compared as stored: jsonb objects in any key order, prices as bigint. */
function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) => {
    if (typeof inner === "bigint") return inner.toString();
    if (inner && typeof inner === "object" && !Array.isArray(inner)) {
      return Object.fromEntries(Object.entries(inner).sort(([x], [y]) => x.localeCompare(y)));
    }
    return inner;
  });
}
