import { eq } from "drizzle-orm";
import { conversations, directMessages, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { FileTooLargeError } from "../../storage/file-storage.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";
import { checkFileType, cleanFileName, MAX_DELIVERABLE_BYTES } from "../tweeps/file-types.ts";
import { ensureConversation, loadCounterpart } from "./conversation-access.ts";
import { toDirectMessageView } from "./direct-message-view.ts";

export type Attachment = { fileName: string; contentType: string; bytes: Uint8Array };

/**
 * SPEC 20: a direct message, with text, an attachment or both. The attachment follows the
 * product's files rules (type, name and first bytes agree; 20 MB). The bytes are stored
 * before the row and removed again if the row cannot be written. The other party is told
 * live and through the notification centre.
 */
export async function sendDirectMessage(ctx: AppContext, input: { authorId: string; toUserId: string; body: string; attachment?: Attachment }) {
  const body = input.body.trim();
  if (!body && !input.attachment) throw new AppError("validation_failed", "body: write something or attach a file.");
  if (body.length > 4000) throw new AppError("validation_failed", "body: at most 4000 characters.");
  const counterpart = await loadCounterpart(ctx.db, input.authorId, input.toUserId);
  let stored: { key: string; sizeBytes: number; contentType: string; fileName: string } | null = null;
  if (input.attachment) {
    const contentType = checkFileType("deliverable", input.attachment);
    try {
      const put = await ctx.storage.put(input.attachment.bytes, { maxBytes: MAX_DELIVERABLE_BYTES });
      stored = { ...put, contentType, fileName: cleanFileName(input.attachment.fileName) };
    } catch (error) {
      if (error instanceof FileTooLargeError) throw new AppError("payload_too_large", "The file is larger than 20 MB.");
      throw error;
    }
  }
  const now = ctx.now();
  try {
    const { message, notes } = await withTransaction(ctx.db, async (tx) => {
      const conversation = await ensureConversation(tx, input.authorId, counterpart.id);
      const [row] = await tx
        .insert(directMessages)
        .values({
          conversationId: conversation.id,
          authorId: input.authorId,
          body,
          storageKey: stored?.key ?? null,
          fileName: stored?.fileName ?? null,
          contentType: stored?.contentType ?? null,
          sizeBytes: stored?.sizeBytes ?? null,
          createdAt: now,
        })
        .returning();
      await tx.update(conversations).set({ lastMessageAt: now }).where(eq(conversations.id, conversation.id));
      const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.authorId));
      const preview = body ? body.slice(0, 140) : `📎 ${stored?.fileName ?? ""}`;
      const event = { kind: "message_received", fromUserId: input.authorId, fromName: author?.name ?? "", preview } as const;
      return { message: row!, notes: await storeNotifications(tx, [counterpart.id], event, now) };
    });
    const view = toDirectMessageView(message);
    ctx.live.toUser(counterpart.id, "conversation:message", { withUserId: input.authorId, message: view });
    ctx.live.toUser(input.authorId, "conversation:message", { withUserId: counterpart.id, message: view });
    await announceNotifications(ctx, notes);
    return view;
  } catch (error) {
    if (stored) await ctx.storage.remove(stored.key).catch(() => undefined);
    throw error;
  }
}
