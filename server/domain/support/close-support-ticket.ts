import { and, eq } from "drizzle-orm";
import { supportTickets } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { loadTicketFor, type SupportViewer, toPublicTicket } from "./support-access.ts";

/** The author or a moderator closes a ticket; nothing more can be written to it. */
export async function closeSupportTicket(ctx: AppContext, input: { ticketId: string; viewer: SupportViewer }) {
  const ticket = await loadTicketFor(ctx.db, input.ticketId, input.viewer);
  const [closed] = await ctx.db
    .update(supportTickets)
    .set({ status: "closed", updatedAt: ctx.now() })
    .where(and(eq(supportTickets.id, ticket.id), eq(supportTickets.status, "open")))
    .returning();
  if (!closed) throw new AppError("invalid_state", "This ticket is already closed.");
  return toPublicTicket(closed);
}
