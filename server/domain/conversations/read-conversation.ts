import { and, desc, eq, isNull, lt, ne } from "drizzle-orm";
import { directMessages } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { findConversation, loadCounterpart } from "./conversation-access.ts";
import { toDirectMessageView } from "./direct-message-view.ts";

const PAGE = 100;

/**
 * The conversation with one person, oldest first (the latest 100, or those before `before`).
 * Reading it is what marks the other party's messages read: they get a read receipt live.
 */
export async function readConversation(ctx: AppContext, input: { userId: string; withUserId: string; before?: Date }) {
  const counterpart = await loadCounterpart(ctx.db, input.userId, input.withUserId);
  const conversation = await findConversation(ctx.db, input.userId, counterpart.id);
  if (!conversation) return { withUser: counterpart, items: [] };
  const rows = await ctx.db
    .select()
    .from(directMessages)
    .where(and(eq(directMessages.conversationId, conversation.id), input.before ? lt(directMessages.createdAt, input.before) : undefined))
    .orderBy(desc(directMessages.createdAt), desc(directMessages.id))
    .limit(PAGE);
  const now = ctx.now();
  const marked = await ctx.db
    .update(directMessages)
    .set({ readAt: now })
    .where(and(eq(directMessages.conversationId, conversation.id), ne(directMessages.authorId, input.userId), isNull(directMessages.readAt)))
    .returning({ id: directMessages.id });
  if (marked.length > 0) ctx.live.toUser(counterpart.id, "conversation:read", { withUserId: input.userId, readAt: now.toISOString() });
  const readIds = new Set(marked.map((row) => row.id));
  return {
    withUser: counterpart,
    items: rows.reverse().map((row) => toDirectMessageView(readIds.has(row.id) ? { ...row, readAt: now } : row)),
  };
}
