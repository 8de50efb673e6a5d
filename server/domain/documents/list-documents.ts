import { and, desc, eq, isNull } from "drizzle-orm";
import { sharedDocuments } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { pairOf } from "../conversations/conversation-access.ts";
import { loadFolderContact, toDocumentView } from "./document-access.ts";

/** SPEC 16: the folder the user shares with one person, newest first. */
export async function listDocuments(ctx: AppContext, input: { userId: string; contactId: string }) {
  const contact = await loadFolderContact(ctx.db, input.userId, input.contactId);
  const pair = pairOf(input.userId, contact.id);
  const rows = await ctx.db
    .select()
    .from(sharedDocuments)
    .where(and(eq(sharedDocuments.userLowId, pair.userLowId), eq(sharedDocuments.userHighId, pair.userHighId), isNull(sharedDocuments.deletedAt)))
    .orderBy(desc(sharedDocuments.createdAt), desc(sharedDocuments.id));
  return { contact, items: rows.map((row) => toDocumentView(row, input.userId)) };
}
