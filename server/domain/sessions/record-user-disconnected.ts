import { and, eq, or } from "drizzle-orm";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { recordPartyLost } from "./record-party-lost.ts";

/**
 * The user's last live connection closed (SPEC 19, text): a party of a live text session is
 * lost from now, its clock pauses, and the grace runs until the page is back. (Video parties
 * are judged by the SFU, which sees their media.)
 */
export async function recordUserDisconnected(ctx: AppContext, input: { userId: string }) {
  const live = await ctx.db
    .select({ id: consultationSessions.id, customerId: consultationSessions.customerId })
    .from(consultationSessions)
    .where(
      and(
        eq(consultationSessions.status, "live"),
        eq(consultationSessions.medium, "text"),
        or(eq(consultationSessions.customerId, input.userId), eq(consultationSessions.providerId, input.userId)),
      ),
    );
  const at = ctx.now();
  for (const session of live) {
    await recordPartyLost(ctx, { sessionId: session.id, role: session.customerId === input.userId ? "customer" : "provider", at });
  }
  return { lost: live.length };
}
