import { and, eq } from "drizzle-orm";
import { supportMessages, supportTickets } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";
import { loadTicketFor, type SupportViewer, toPublicSupportMessage } from "./support-access.ts";

/** A message in a ticket's correspondence; a moderator's answer is a notification to its author. */
export async function postSupportMessage(ctx: AppContext, input: { ticketId: string; viewer: SupportViewer; body: string }) {
  const now = ctx.now();
  const ticket = await loadTicketFor(ctx.db, input.ticketId, input.viewer);
  const { message, notes } = await withTransaction(ctx.db, async (tx) => {
    const [touched] = await tx
      .update(supportTickets)
      .set({ updatedAt: now })
      .where(and(eq(supportTickets.id, ticket.id), eq(supportTickets.status, "open")))
      .returning();
    if (!touched) throw new AppError("invalid_state", "This ticket is closed.");
    const [inserted] = await tx.insert(supportMessages).values({ ticketId: ticket.id, authorId: input.viewer.id, body: input.body, createdAt: now }).returning();
    const recipients = input.viewer.id === ticket.userId ? [] : [ticket.userId];
    const event = { kind: "support_reply", ticketId: ticket.id, subject: ticket.subject } as const;
    return { message: inserted!, notes: await storeNotifications(tx, recipients, event, now) };
  });
  await announceNotifications(ctx, notes);
  return toPublicSupportMessage(message, ticket);
}
