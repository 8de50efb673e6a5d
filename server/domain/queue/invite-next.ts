import { and, eq, inArray } from "drizzle-orm";
import { consultationSessions, queueEntries, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { announceLiveStatus } from "../presence/announce-live-status.ts";
import { giveTurn } from "./give-turn.ts";

/**
 * "Invite next" (SPEC 15): the provider gives the first waiting customer the turn at once.
 * Inviting means being ready: a Busy or paused provider becomes Available, or the customer
 * could not call.
 */
export async function inviteNext(ctx: AppContext, input: { userId: string }) {
  const [current] = await ctx.db
    .select({ status: consultationSessions.status })
    .from(consultationSessions)
    .where(and(eq(consultationSessions.providerId, input.userId), inArray(consultationSessions.status, ["live", "ringing"])));
  if (current?.status === "live") throw new AppError("invalid_state", "End your current session before inviting the next customer.");
  // No turn is given while a call rings (give-turn): answer it or let it end first.
  if (current) throw new AppError("invalid_state", "Answer or decline the ringing call before inviting the next customer.");
  const [holder] = await ctx.db
    .select({ id: queueEntries.id })
    .from(queueEntries)
    .where(and(eq(queueEntries.providerId, input.userId), eq(queueEntries.status, "turn")));
  if (holder) throw new AppError("conflict", "A customer already has the turn.");
  const [changed] = await ctx.db
    .update(users)
    .set({ providerStatus: "available", pausedUntil: null })
    .where(and(eq(users.id, input.userId), inArray(users.providerStatus, ["busy", "paused"])))
    .returning({ id: users.id });
  if (changed) await announceLiveStatus(ctx, input.userId);
  const turn = await giveTurn(ctx, input.userId);
  if (!turn) throw new AppError("not_found", "Nobody is waiting in your queue.");
  return { orderId: turn.orderId, customerId: turn.customerId, turnExpiresAt: turn.turnExpiresAt!.toISOString() };
}
