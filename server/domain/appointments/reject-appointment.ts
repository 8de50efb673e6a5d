import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { settleAppointmentHold } from "./appointment-money.ts";
import { allowedFrom } from "./appointment-rules.ts";
import { readAppointmentFor } from "./appointment-view.ts";
import { notifyAppointmentChange } from "./notify-appointment-change.ts";
import { transitionAppointment } from "./transition-appointment.ts";

/** `POST /appointments/{id}/reject {reason}` (SPEC 16): the provider declines a pending request; full refund. */
export async function rejectAppointment(ctx: AppContext, input: { appointmentId: string; userId: string; reason: string }) {
  const now = ctx.now();
  const row = await withTransaction(ctx.db, async (tx) => {
    const rejected = await transitionAppointment(tx, {
      appointmentId: input.appointmentId,
      party: "provider",
      userId: input.userId,
      from: allowedFrom("reject", "provider"),
      to: "rejected",
      set: { decidedAt: now, finishedAt: now, rejectionReason: input.reason },
      now,
    });
    await settleAppointmentHold(tx, ctx.config, rejected, { toProviderMinor: 0n, toCustomerMinor: rejected.priceMinor }, "reject", "appointment_refund", { at: now });
    return rejected;
  });
  await notifyAppointmentChange(ctx, row, "appointment_rejected");
  return readAppointmentFor(ctx.db, ctx.config, row.id, input.userId, ctx.now());
}
