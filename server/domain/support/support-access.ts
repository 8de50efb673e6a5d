import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { type supportMessages, supportTickets } from "../../../db/schema.ts";
import { AppError } from "../../errors.ts";

export type SupportViewer = { id: string; isModerator: boolean };
export type SupportTicketRow = typeof supportTickets.$inferSelect;

/** The ticket for its author or a moderator; anyone else is told it does not exist. */
export async function loadTicketFor(db: Executor, ticketId: string, viewer: SupportViewer) {
  const [ticket] = await db.select().from(supportTickets).where(eq(supportTickets.id, ticketId));
  if (!ticket || (ticket.userId !== viewer.id && !viewer.isModerator)) throw new AppError("not_found", "There is no such ticket.");
  return ticket;
}

export function toPublicTicket(ticket: SupportTicketRow) {
  return {
    id: ticket.id,
    userId: ticket.userId,
    subject: ticket.subject,
    status: ticket.status,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
  };
}

export function toPublicSupportMessage(message: typeof supportMessages.$inferSelect, ticket: SupportTicketRow) {
  return {
    id: message.id,
    authorId: message.authorId,
    fromSupport: message.authorId !== ticket.userId,
    body: message.body,
    createdAt: message.createdAt.toISOString(),
  };
}
