import type { directMessages } from "../../../db/schema.ts";

export type DirectMessageView = ReturnType<typeof toDirectMessageView>;

export function toDirectMessageView(row: typeof directMessages.$inferSelect) {
  return {
    id: row.id,
    authorId: row.authorId,
    body: row.body,
    attachment:
      row.storageKey && row.fileName && row.contentType && row.sizeBytes !== null
        ? { fileName: row.fileName, contentType: row.contentType, sizeBytes: row.sizeBytes }
        : null,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}
