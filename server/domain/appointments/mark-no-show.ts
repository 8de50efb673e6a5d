import { and, eq } from "drizzle-orm";
import { appointments, consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { heldOf, settleAppointmentHold } from "./appointment-money.ts";
import { decideNoShow, splitOnNoShow, type Party } from "./appointment-rules.ts";
import { readAppointmentFor } from "./appointment-view.ts";
import { notifyAppointmentChange } from "./notify-appointment-change.ts";
import { transitionAppointment } from "./transition-appointment.ts";

const refusals = {
  too_early: "A no-show can be marked only some minutes after the start.",
  provider_was_there: "The provider was on the site at the appointment's start.",
  provider_was_absent: "You were not on the site at the appointment's start.",
  customer_called: "The customer started the chat for this appointment.",
} as const;

/**
 * `POST /appointments/{id}/no-show {absent}` (SPEC 16): "Provider didn't show" (by the
 * customer) or "Customer didn't show" (by the provider), allowed only when the recorded
 * presence (`providerSeenAt`, from the presence loop) and call events (sessions of the
 * appointment) say so. The provider's no-show refunds everything and counts against them.
 */
export async function markNoShow(ctx: AppContext, input: { appointmentId: string; userId: string; absent: Party }) {
  const now = ctx.now();
  const row = await withTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(appointments).where(eq(appointments.id, input.appointmentId)).for("update");
    if (!before || (before.customerId !== input.userId && before.providerId !== input.userId)) throw new AppError("not_found", "There is no such appointment.");
    const marker: Party = before.customerId === input.userId ? "customer" : "provider";
    if (marker === input.absent) throw new AppError("forbidden", "Only the other party can be marked as absent.");
    if (before.status !== "accepted") throw new AppError("invalid_state", `This is not possible while the appointment is ${before.status}.`, { details: { status: before.status } });
    const [call] = await tx.select({ id: consultationSessions.id }).from(consultationSessions).where(eq(consultationSessions.appointmentId, before.id)).limit(1);
    const decision = decideNoShow({
      claimedAbsent: input.absent,
      startsAt: before.startsAt,
      now,
      noShowMinutes: ctx.config.appointments.noShowMinutes,
      providerSeenAt: before.providerSeenAt,
      customerCalled: call !== undefined,
    });
    if (!decision.allowed) throw new AppError("invalid_state", refusals[decision.reason], { details: { reason: decision.reason } });
    const changed = await transitionAppointment(tx, {
      appointmentId: before.id,
      party: marker,
      userId: input.userId,
      from: ["accepted"],
      to: "no_show",
      set: { noShowParty: input.absent, finishedAt: now },
      now,
    });
    await settleAppointmentHold(tx, ctx.config, changed, splitOnNoShow({ absent: input.absent, heldMinor: heldOf(before), blockPriceMinor: before.blockPriceMinor }), "no-show", "appointment_no_show", { at: now });
    const [after] = await tx.select().from(appointments).where(and(eq(appointments.id, before.id)));
    return after!;
  });
  await notifyAppointmentChange(ctx, row, "appointment_no_show");
  return readAppointmentFor(ctx.db, ctx.config, row.id, input.userId, ctx.now());
}
