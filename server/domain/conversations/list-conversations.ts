import { and, desc, inArray, isNull, ne, sql } from "drizzle-orm";
import { conversations, directMessages, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { eitherSide } from "./conversation-access.ts";
import { toDirectMessageView } from "./direct-message-view.ts";

/** The user's conversations, latest first, each with its last message and unread count. */
export async function listConversations(ctx: AppContext, input: { userId: string }) {
  const pairs = await ctx.db.select().from(conversations).where(eitherSide(input.userId)).orderBy(desc(conversations.lastMessageAt)).limit(200);
  if (pairs.length === 0) return { items: [], unreadCount: 0 };
  const ids = pairs.map((pair) => pair.id);
  const others = pairs.map((pair) => (pair.userLowId === input.userId ? pair.userHighId : pair.userLowId));
  const [people, unread, last] = await Promise.all([
    ctx.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, others)),
    ctx.db
      .select({ conversationId: directMessages.conversationId, n: sql<number>`count(*)::int` })
      .from(directMessages)
      .where(and(inArray(directMessages.conversationId, ids), ne(directMessages.authorId, input.userId), isNull(directMessages.readAt)))
      .groupBy(directMessages.conversationId),
    ctx.db
      .selectDistinctOn([directMessages.conversationId])
      .from(directMessages)
      .where(inArray(directMessages.conversationId, ids))
      .orderBy(directMessages.conversationId, desc(directMessages.createdAt)),
  ]);
  const items = pairs.map((pair, index) => {
    const otherId = others[index]!;
    return {
      withUser: { id: otherId, name: people.find((person) => person.id === otherId)?.name ?? "" },
      lastMessage: (() => {
        const row = last.find((message) => message.conversationId === pair.id);
        return row ? toDirectMessageView(row) : null;
      })(),
      unreadCount: unread.find((row) => row.conversationId === pair.id)?.n ?? 0,
      lastMessageAt: pair.lastMessageAt?.toISOString() ?? null,
    };
  });
  return { items, unreadCount: items.reduce((sum, item) => sum + item.unreadCount, 0) };
}

