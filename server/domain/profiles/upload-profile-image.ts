import { and, count, eq, inArray } from "drizzle-orm";
import { profileFiles, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { FileTooLargeError } from "../../storage/file-storage.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import type { Upload } from "../tweeps/upload-tweep-file.ts";
import { checkFileType, storedFileColumns, MAX_COVER_BYTES } from "../tweeps/file-types.ts";
import { MAX_GALLERY_IMAGES, toProfileFileView } from "./profile-files.ts";

/**
 * SPEC 20: a profile photo or gallery image, checked like a cover (PNG, JPEG or WebP whose
 * name, type and bytes agree; 5 MB) and waiting for a moderator before anyone else sees it.
 * The approved photo stays shown until a new one is approved. The gallery holds at most 6
 * images, counted under the user's row lock so two uploads at once cannot make a seventh.
 */
export async function uploadProfileImage(ctx: AppContext, input: { userId: string; kind: "photo" | "gallery"; file: Upload }) {
  const contentType = checkFileType("cover", input.file);
  let stored: { key: string; sizeBytes: number };
  try {
    stored = await ctx.storage.put(input.file.bytes, { maxBytes: MAX_COVER_BYTES });
  } catch (error) {
    if (error instanceof FileTooLargeError) throw new AppError("payload_too_large", "The image is larger than 5 MB.");
    throw error;
  }
  try {
    return await withTransaction(ctx.db, async (tx) => {
      await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).for("update");
      if (input.kind === "gallery") {
        const [row] = await tx
          .select({ n: count() })
          .from(profileFiles)
          .where(and(eq(profileFiles.userId, input.userId), eq(profileFiles.kind, "gallery"), inArray(profileFiles.status, ["pending", "approved"])));
        if ((row?.n ?? 0) >= MAX_GALLERY_IMAGES) {
          throw new AppError("conflict", `The gallery holds at most ${MAX_GALLERY_IMAGES} images; remove one first.`, { details: { reason: "gallery_full" } });
        }
      }
      const [file] = await tx
        .insert(profileFiles)
        .values({
          userId: input.userId,
          kind: input.kind,
          ...storedFileColumns(stored, { fileName: input.file.fileName, contentType, at: ctx.now() }),
        })
        .returning();
      return toProfileFileView(file!);
    });
  } catch (error) {
    await ctx.storage.remove(stored.key);
    throw error;
  }
}

/** Takes a gallery image (in any state) off the profile; its bytes go after the commit. */
export async function removeGalleryImage(ctx: AppContext, input: { userId: string; fileId: string }) {
  const [removed] = await ctx.db
    .update(profileFiles)
    .set({ status: "removed" })
    .where(and(eq(profileFiles.id, input.fileId), eq(profileFiles.userId, input.userId), eq(profileFiles.kind, "gallery"), inArray(profileFiles.status, ["pending", "approved", "rejected"])))
    .returning();
  if (!removed) throw new AppError("not_found", "There is no such image.");
  await ctx.storage.remove(removed.storageKey).catch(() => undefined);
}
