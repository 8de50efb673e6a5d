import { sharedDocuments } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { FileTooLargeError } from "../../storage/file-storage.ts";
import { checkFileType, storedFileColumns, MAX_DELIVERABLE_BYTES } from "../tweeps/file-types.ts";
import type { Upload } from "../tweeps/upload-tweep-file.ts";
import { pairOf } from "../conversations/conversation-access.ts";
import { loadFolderContact, toDocumentView } from "./document-access.ts";

/**
 * SPEC 16: either person puts a document into the shared folder, under the files rules of
 * SPEC 2 (the deliverables' types and 20 MB). Access and type are checked before a byte is
 * stored; the bytes are removed again if the row cannot be written.
 */
export async function uploadDocument(ctx: AppContext, input: { userId: string; contactId: string; file: Upload }) {
  const contact = await loadFolderContact(ctx.db, input.userId, input.contactId);
  const contentType = checkFileType("deliverable", input.file);
  let stored: { key: string; sizeBytes: number };
  try {
    stored = await ctx.storage.put(input.file.bytes, { maxBytes: MAX_DELIVERABLE_BYTES });
  } catch (error) {
    if (error instanceof FileTooLargeError) throw new AppError("payload_too_large", `The file is larger than ${MAX_DELIVERABLE_BYTES / 1024 / 1024} MB.`);
    throw error;
  }
  try {
    const [row] = await ctx.db
      .insert(sharedDocuments)
      .values({
        ...pairOf(input.userId, contact.id),
        uploaderId: input.userId,
        ...storedFileColumns(stored, { fileName: input.file.fileName, contentType, at: ctx.now() }),
      })
      .returning();
    return toDocumentView(row!, input.userId);
  } catch (error) {
    await ctx.storage.remove(stored.key);
    throw error;
  }
}
