import { and, eq } from "drizzle-orm";
import { tweepFiles, tweeps } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import type { Viewer } from "./get-tweep.ts";

/** The cover of the tweep as shown: public once published, else for owner and moderators. */
export async function readTweepCover(ctx: AppContext, input: { tweepId: string; viewer: Viewer }) {
  const [row] = await ctx.db
    .select({ status: tweeps.status, providerId: tweeps.providerId, file: tweepFiles })
    .from(tweeps)
    .innerJoin(tweepFiles, and(eq(tweepFiles.id, tweeps.coverFileId), eq(tweepFiles.tweepId, tweeps.id)))
    .where(eq(tweeps.id, input.tweepId));
  const privileged = input.viewer !== null && (input.viewer.id === row?.providerId || input.viewer.isModerator);
  if (!row || (row.status !== "published" && !privileged)) throw new AppError("not_found", "This tweep has no cover.");
  return { contentType: row.file.contentType, sizeBytes: row.file.sizeBytes, public: row.status === "published", body: await ctx.storage.read(row.file.storageKey) };
}
