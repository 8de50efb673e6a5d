import { and, desc, eq, isNull } from "drizzle-orm";
import { providerProfiles, tweepFiles, tweepRevisions, tweeps, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { readProviderLiveFields } from "../presence/read-live-statuses.ts";
import { approvedPhoto, approvedPhotoOn, shortProfileColumns, toShortProfile } from "../profiles/short-profile.ts";
import { readProviderRating } from "../reviews/read-provider-rating.ts";
import { toRevisionView } from "./pending-revision.ts";
import { toPublicTweep } from "./public-tweep.ts";
import { tweepRowColumns } from "./tweep-content.ts";

export type Viewer = { id: string; isModerator: boolean } | null;

/**
 * SPEC 3's tweep page. A published tweep is public; any other is seen only by its owner
 * and moderators, and answers 404 to everyone else. Owner and moderators also see the
 * deliverable files' metadata and the latest revision.
 */
export async function getTweep(ctx: AppContext, input: { tweepId: string; viewer: Viewer }) {
  const [row] = await ctx.db
    .select({ tweep: tweepRowColumns, providerName: users.name, providerStatus: users.providerStatus, ...shortProfileColumns })
    .from(tweeps)
    .innerJoin(users, eq(users.id, tweeps.providerId))
    .leftJoin(providerProfiles, eq(providerProfiles.userId, tweeps.providerId))
    .leftJoin(approvedPhoto, approvedPhotoOn)
    .where(eq(tweeps.id, input.tweepId));
  if (!row) throw new AppError("not_found", "There is no such tweep.");
  const privileged = input.viewer !== null && (input.viewer.id === row.tweep.providerId || input.viewer.isModerator);
  if (row.tweep.status !== "published" && !privileged) throw new AppError("not_found", "There is no such tweep.");
  const result = {
    ...toPublicTweep(row.tweep),
    providerName: row.providerName,
    ...(await readProviderLiveFields(ctx, row.tweep.providerId, row.providerStatus)),
    ...(await readProviderRating(ctx.db, row.tweep.providerId, ctx.now())),
    providerProfile: toShortProfile(row),
  };
  if (!privileged) return result;
  const files = await ctx.db
    .select()
    .from(tweepFiles)
    .where(and(eq(tweepFiles.tweepId, row.tweep.id), eq(tweepFiles.kind, "deliverable"), isNull(tweepFiles.deletedAt)))
    .orderBy(tweepFiles.createdAt);
  const [revision] = await ctx.db
    .select()
    .from(tweepRevisions)
    .where(eq(tweepRevisions.tweepId, row.tweep.id))
    .orderBy(desc(tweepRevisions.createdAt))
    .limit(1);
  return {
    ...result,
    rejectionReason: row.tweep.rejectionReason,
    submittedAt: row.tweep.submittedAt?.toISOString() ?? null,
    publishedAt: row.tweep.publishedAt?.toISOString() ?? null,
    files: files.map(toFileView),
    latestRevision: revision ? toRevisionView(revision) : null,
  };
}

export function toFileView(file: typeof tweepFiles.$inferSelect) {
  return {
    id: file.id,
    kind: file.kind,
    fileName: file.fileName,
    contentType: file.contentType,
    sizeBytes: file.sizeBytes,
    createdAt: file.createdAt.toISOString(),
  };
}
