import { and, eq, lte } from "drizzle-orm";
import { appointments } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { settleAppointmentHold } from "./appointment-money.ts";
import { notifyAppointmentChange } from "./notify-appointment-change.ts";
import { transitionAppointment } from "./transition-appointment.ts";

/**
 * The loop of SPEC 16: a pending request without a decision after APPOINTMENT_DECISION_HOURS
 * (`decideBy`) is rejected automatically, fully refunded. Each in its own transaction with a
 * guarded update, so a provider accepting at the same instant and this loop never both win.
 */
export async function autoRejectAppointments(ctx: AppContext) {
  const now = ctx.now();
  const due = await ctx.db
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(eq(appointments.status, "pending"), lte(appointments.decideBy, now)))
    .limit(100);
  let rejected = 0;
  for (const { id } of due) {
    const row = await withTransaction(ctx.db, async (tx) => {
      const changed = await transitionAppointment(tx, {
        appointmentId: id,
        party: "system",
        from: ["pending"],
        to: "rejected",
        set: { decidedAt: now, finishedAt: now, rejectedAutomatically: true },
        now,
      }).catch((error: unknown) => {
        // Decided in the meantime (the guarded update changed nothing): nothing to do.
        if (error instanceof AppError) return null;
        throw error;
      });
      if (!changed) return null;
      await settleAppointmentHold(tx, ctx.config, changed, { toProviderMinor: 0n, toCustomerMinor: changed.priceMinor }, "reject", "appointment_refund", { at: now });
      return changed;
    });
    if (row) {
      rejected += 1;
      await notifyAppointmentChange(ctx, row, "appointment_auto_rejected", { recipients: [row.customerId, row.providerId] });
    }
  }
  return { rejected };
}
