import { eq } from "drizzle-orm";
import { supportMessages, supportTickets, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";
import { toPublicSupportMessage, toPublicTicket } from "./support-access.ts";

/** SPEC 20 "Support": a ticket to the moderators, its first message the user's question. */
export async function openSupportTicket(ctx: AppContext, input: { userId: string; subject: string; body: string }) {
  const now = ctx.now();
  const { ticket, message, notes } = await withTransaction(ctx.db, async (tx) => {
    const [created] = await tx.insert(supportTickets).values({ userId: input.userId, subject: input.subject, createdAt: now, updatedAt: now }).returning();
    const [first] = await tx
      .insert(supportMessages)
      .values({ ticketId: created!.id, authorId: input.userId, body: input.body, createdAt: now })
      .returning();
    const moderators = await tx.select({ id: users.id }).from(users).where(eq(users.isModerator, true));
    const event = { kind: "support_ticket_opened", ticketId: created!.id, subject: input.subject } as const;
    const others = moderators.map((moderator) => moderator.id).filter((id) => id !== input.userId);
    return { ticket: created!, message: first!, notes: await storeNotifications(tx, others, event, now) };
  });
  await announceNotifications(ctx, notes);
  return { ticket: toPublicTicket(ticket), message: toPublicSupportMessage(message, ticket) };
}
