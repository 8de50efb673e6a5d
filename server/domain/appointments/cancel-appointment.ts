import { and, eq, inArray } from "drizzle-orm";
import { appointments, consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { heldOf, settleAppointmentHold } from "./appointment-money.ts";
import { allowedFrom, splitOnCancel } from "./appointment-rules.ts";
import { readAppointmentFor } from "./appointment-view.ts";
import { notifyAppointmentChange } from "./notify-appointment-change.ts";
import { partyOf, transitionAppointment } from "./transition-appointment.ts";

/**
 * `POST /appointments/{id}/cancel` (SPEC 16): the customer (pending or accepted) or the
 * provider (accepted) cancels before the end of the booked time. The split of the hold
 * follows the refund rules (appointment-rules.ts) and moves in the same transaction.
 * A provider's cancellation counts as a refusal in their rating (read-provider-rating.ts).
 */
export async function cancelAppointment(ctx: AppContext, input: { appointmentId: string; userId: string }) {
  const now = ctx.now();
  const row = await withTransaction(ctx.db, async (tx) => {
    const party = await partyOf(tx, input.appointmentId, input.userId);
    if (!party) throw new AppError("not_found", "There is no such appointment.");
    const [before] = await tx.select().from(appointments).where(eq(appointments.id, input.appointmentId)).for("update");
    if (!before) throw new AppError("not_found", "There is no such appointment.");
    if (before.status === "accepted" && now >= before.endsAt) throw new AppError("invalid_state", "The booked time is over: it can no longer be cancelled.");
    if (before.orderId) {
      // A session for the appointment in progress is ended first, not cancelled under it.
      const [live] = await tx
        .select({ id: consultationSessions.id })
        .from(consultationSessions)
        .where(and(eq(consultationSessions.appointmentId, before.id), inArray(consultationSessions.status, ["ringing", "live"])))
        .limit(1);
      if (live) throw new AppError("invalid_state", "A session for this appointment is in progress: end it first.");
    }
    const cancelled = await transitionAppointment(tx, {
      appointmentId: input.appointmentId,
      party,
      userId: input.userId,
      from: allowedFrom("cancel", party),
      to: "cancelled",
      set: { cancelledBy: party, finishedAt: now },
      now,
    });
    const split = splitOnCancel({
      by: party,
      status: before.status,
      heldMinor: heldOf(before),
      blockPriceMinor: before.blockPriceMinor,
      startsAt: before.startsAt,
      now,
      freeCancelHours: ctx.config.appointments.freeCancelHours,
    });
    await settleAppointmentHold(tx, ctx.config, cancelled, split, "cancel", "appointment_cancellation", { at: now });
    const [after] = await tx.select().from(appointments).where(eq(appointments.id, cancelled.id));
    return after!;
  });
  await notifyAppointmentChange(ctx, row, "appointment_cancelled");
  return readAppointmentFor(ctx.db, ctx.config, row.id, input.userId, ctx.now());
}
