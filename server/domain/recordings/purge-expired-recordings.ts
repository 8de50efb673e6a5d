import { and, isNull, lte } from "drizzle-orm";
import { eq } from "drizzle-orm";
import { recordingFiles } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";

/** SPEC 18: recordings are kept 30 days; after that their bytes leave the storage. */
export async function purgeExpiredRecordings(ctx: AppContext) {
  const now = ctx.now();
  const expired = await ctx.db
    .select({ id: recordingFiles.id, storageKey: recordingFiles.storageKey })
    .from(recordingFiles)
    .where(and(isNull(recordingFiles.deletedAt), lte(recordingFiles.expiresAt, now)))
    .limit(100);
  for (const file of expired) {
    const [claimed] = await ctx.db
      .update(recordingFiles)
      .set({ deletedAt: now })
      .where(and(eq(recordingFiles.id, file.id), isNull(recordingFiles.deletedAt)))
      .returning({ id: recordingFiles.id });
    if (claimed) await ctx.storage.remove(file.storageKey);
  }
  return { purged: expired.length };
}
