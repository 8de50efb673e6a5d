import { and, eq, isNotNull, or } from "drizzle-orm";
import { conversations, directMessages } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { ATTACHMENT_LINK_TTL_MS, signAttachmentToken, verifyAttachmentToken } from "./attachment-token.ts";

/** The message's attachment if the user is one of the conversation's two people. */
async function findAttachmentFor(ctx: AppContext, messageId: string, userId: string) {
  const [row] = await ctx.db
    .select({ message: directMessages })
    .from(directMessages)
    .innerJoin(conversations, eq(conversations.id, directMessages.conversationId))
    .where(
      and(
        eq(directMessages.id, messageId),
        isNotNull(directMessages.storageKey),
        or(eq(conversations.userLowId, userId), eq(conversations.userHighId, userId)),
      ),
    );
  if (!row) throw new AppError("not_found", "There is no such attachment.");
  return row.message;
}

/** SPEC 20: a signed link to an attachment for one of the two people, valid for 5 minutes. */
export async function createAttachmentLink(ctx: AppContext, input: { messageId: string; userId: string }) {
  const message = await findAttachmentFor(ctx, input.messageId, input.userId);
  const exp = ctx.now().getTime() + ATTACHMENT_LINK_TTL_MS;
  const token = signAttachmentToken(ctx.config.secretKey, { messageId: message.id, userId: input.userId, exp });
  return { url: `/api/v1/attachments/${token}`, expiresAt: new Date(exp).toISOString() };
}

/**
 * Opens the file behind a link: the link must be valid and unexpired, and made for the user
 * who presents it (a forwarded link is useless), who must still be party to the conversation.
 */
export async function openAttachment(ctx: AppContext, input: { token: string; userId: string }) {
  const verified = verifyAttachmentToken(ctx.config.secretKey, input.token, ctx.now());
  if (!verified.ok) {
    throw verified.reason === "expired"
      ? new AppError("forbidden", "This link has expired; ask for a new one.", { details: { reason: "link_expired" } })
      : new AppError("forbidden", "This link is not valid.", { details: { reason: "invalid_link" } });
  }
  if (verified.claims.userId !== input.userId) {
    throw new AppError("forbidden", "This link was made for someone else.", { details: { reason: "not_your_link" } });
  }
  const message = await findAttachmentFor(ctx, verified.claims.messageId, input.userId);
  const stream = await ctx.storage.read(message.storageKey!);
  return { stream, fileName: message.fileName ?? "file", contentType: message.contentType ?? "application/octet-stream", sizeBytes: message.sizeBytes ?? 0 };
}
