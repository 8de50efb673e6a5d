import { and, eq, isNull } from "drizzle-orm";
import { sharedDocuments } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { findDocumentFor } from "./document-access.ts";

/**
 * Seed 004: a person may delete only the documents they uploaded. The row is marked deleted
 * (guarded, so two deletes do not both succeed) and then the bytes are removed.
 */
export async function deleteDocument(ctx: AppContext, input: { documentId: string; userId: string }) {
  const document = await findDocumentFor(ctx.db, input.documentId, input.userId);
  if (document.uploaderId !== input.userId) throw new AppError("forbidden", "Only the person who uploaded a document may delete it.");
  const [deleted] = await ctx.db
    .update(sharedDocuments)
    .set({ deletedAt: ctx.now() })
    .where(and(eq(sharedDocuments.id, document.id), eq(sharedDocuments.uploaderId, input.userId), isNull(sharedDocuments.deletedAt)))
    .returning({ storageKey: sharedDocuments.storageKey });
  if (!deleted) throw new AppError("not_found", "There is no such document.");
  await ctx.storage.remove(deleted.storageKey);
}
