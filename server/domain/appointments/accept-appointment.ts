import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { allowedFrom } from "./appointment-rules.ts";
import { readAppointmentFor } from "./appointment-view.ts";
import { notifyAppointmentChange } from "./notify-appointment-change.ts";
import { transitionAppointment } from "./transition-appointment.ts";

/** `POST /appointments/{id}/accept` (SPEC 16): the provider confirms a pending request; the money stays held. */
export async function acceptAppointment(ctx: AppContext, input: { appointmentId: string; userId: string }) {
  const now = ctx.now();
  const row = await withTransaction(ctx.db, (tx) =>
    transitionAppointment(tx, { appointmentId: input.appointmentId, party: "provider", userId: input.userId, from: allowedFrom("accept", "provider"), to: "accepted", set: { decidedAt: now }, now }),
  );
  await notifyAppointmentChange(ctx, row, "appointment_accepted");
  return readAppointmentFor(ctx.db, ctx.config, row.id, input.userId, ctx.now());
}
