import { eq } from "drizzle-orm";
import { profileFiles } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";

/** An approved image is public; a pending or rejected one only for its owner and moderators. */
export async function readProfileImage(ctx: AppContext, input: { fileId: string; viewer: { id: string; isModerator: boolean } | null }) {
  const [file] = await ctx.db.select().from(profileFiles).where(eq(profileFiles.id, input.fileId));
  const privileged = input.viewer !== null && (input.viewer.id === file?.userId || input.viewer.isModerator);
  if (!file || file.status === "removed" || (file.status !== "approved" && !privileged)) throw new AppError("not_found", "There is no such image.");
  return { contentType: file.contentType, sizeBytes: file.sizeBytes, public: file.status === "approved", body: await ctx.storage.read(file.storageKey) };
}
