import { asc, desc, eq } from "drizzle-orm";
import { supportMessages, supportTickets } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { loadTicketFor, type SupportViewer, toPublicSupportMessage, toPublicTicket } from "./support-access.ts";

/** The user's own tickets, newest first ("Disputes and complaints"). */
export async function listMySupportTickets(ctx: AppContext, input: { userId: string }) {
  const rows = await ctx.db.select().from(supportTickets).where(eq(supportTickets.userId, input.userId)).orderBy(desc(supportTickets.updatedAt));
  return { items: rows.map(toPublicTicket) };
}

/** For moderators: open tickets first, oldest first, like the other queues. */
export async function listSupportTicketsForModeration(ctx: AppContext) {
  const rows = await ctx.db.select().from(supportTickets).orderBy(desc(supportTickets.status), asc(supportTickets.createdAt)).limit(200);
  return { items: rows.map(toPublicTicket) };
}

export async function listSupportMessages(ctx: AppContext, input: { ticketId: string; viewer: SupportViewer }) {
  const ticket = await loadTicketFor(ctx.db, input.ticketId, input.viewer);
  const rows = await ctx.db.select().from(supportMessages).where(eq(supportMessages.ticketId, ticket.id)).orderBy(asc(supportMessages.createdAt));
  return { ticket: toPublicTicket(ticket), items: rows.map((row) => toPublicSupportMessage(row, ticket)) };
}
