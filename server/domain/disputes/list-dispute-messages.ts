import { asc, eq } from "drizzle-orm";
import { disputeMessages } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import type { Viewer } from "../orders/order-access.ts";
import { loadDisputeFor, toPublicDispute } from "./dispute-access.ts";

export function toPublicDisputeMessage(row: typeof disputeMessages.$inferSelect) {
  return { id: row.id, disputeId: row.disputeId, authorId: row.authorId, body: row.body, createdAt: row.createdAt.toISOString() };
}

/** The dispute with its correspondence: the parties and the moderators read it. */
export async function listDisputeMessages(ctx: AppContext, input: { disputeId: string; viewer: Viewer }) {
  const { dispute, order } = await loadDisputeFor(ctx.db, input.disputeId, input.viewer);
  const rows = await ctx.db
    .select()
    .from(disputeMessages)
    .where(eq(disputeMessages.disputeId, dispute.id))
    .orderBy(asc(disputeMessages.createdAt), asc(disputeMessages.id));
  return { dispute: toPublicDispute(dispute, order), items: rows.map(toPublicDisputeMessage) };
}
