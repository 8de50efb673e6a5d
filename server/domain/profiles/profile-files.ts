import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { profileFiles } from "../../../db/schema.ts";

export const MAX_GALLERY_IMAGES = 6;
export type ProfileFileRow = typeof profileFiles.$inferSelect;

/** How a photo or gallery image is addressed; the image route decides who may see it. */
export function toProfileFileView(file: ProfileFileRow) {
  return {
    id: file.id,
    kind: file.kind,
    status: file.status,
    url: `/api/v1/profile-files/${file.id}`,
    rejectionReason: file.rejectionReason,
    createdAt: file.createdAt.toISOString(),
  };
}

/** The user's photos and gallery images that are not removed, oldest first. */
export async function readLiveProfileFiles(db: Executor, userId: string, statuses: ("pending" | "approved" | "rejected")[]) {
  return db
    .select()
    .from(profileFiles)
    .where(and(eq(profileFiles.userId, userId), inArray(profileFiles.status, statuses)))
    .orderBy(asc(profileFiles.createdAt));
}
