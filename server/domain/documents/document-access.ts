import { and, eq, isNull, or } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { sharedDocuments, users } from "../../../db/schema.ts";
import { AppError } from "../../errors.ts";
import { pairHasDealings } from "./pair-has-dealings.ts";

export type DocumentRow = typeof sharedDocuments.$inferSelect;

/**
 * The other person of a shared folder, if the two have dealings (SPEC 16). Anyone else, and
 * anyone who does not exist, is "not found": a stranger cannot learn that a folder exists.
 */
export async function loadFolderContact(db: Executor, me: string, otherId: string) {
  const notFound = new AppError("not_found", "There is no such documents folder.");
  if (me === otherId) throw notFound;
  const [contact] = await db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.id, otherId), isNull(users.deletedAt)));
  if (!contact || !(await pairHasDealings(db, me, otherId))) throw notFound;
  return contact;
}

/** A document that is still in the folder, if the user is one of the folder's two people. */
export async function findDocumentFor(db: Executor, documentId: string, userId: string): Promise<DocumentRow> {
  const [row] = await db
    .select()
    .from(sharedDocuments)
    .where(
      and(
        eq(sharedDocuments.id, documentId),
        isNull(sharedDocuments.deletedAt),
        or(eq(sharedDocuments.userLowId, userId), eq(sharedDocuments.userHighId, userId)),
      ),
    );
  if (!row) throw new AppError("not_found", "There is no such document.");
  return row;
}

export function toDocumentView(row: DocumentRow, viewerId: string) {
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    uploadedByMe: row.uploaderId === viewerId,
    createdAt: row.createdAt.toISOString(),
  };
}
