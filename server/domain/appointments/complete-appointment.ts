import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { appointments, orders } from "../../../db/schema.ts";
import type { Config } from "../../context.ts";
import { heldOf, settleAppointmentHold } from "./appointment-money.ts";
import type { AppointmentRow } from "./appointment-view.ts";

/**
 * SPEC 16: when the appointment's session ends, whatever is still held is released to the
 * provider (the booked time was theirs) and the appointment is `completed`; its order
 * closes. In the transaction that ended the session, so the end and the money commit together.
 * Returns the completed row, or null when the appointment was no longer accepted.
 */
export async function completeAppointment(
  tx: Transaction,
  config: Pick<Config, "currency" | "commissionPercent" | "clearanceHours">,
  appointmentId: string,
  at: Date,
  sessionId: string | null = null,
): Promise<AppointmentRow | null> {
  const [row] = await tx
    .update(appointments)
    .set({ status: "completed", finishedAt: at, updatedAt: at })
    .where(and(eq(appointments.id, appointmentId), eq(appointments.status, "accepted")))
    .returning();
  if (!row) return null;
  await settleAppointmentHold(tx, config, row, { toProviderMinor: heldOf(row), toCustomerMinor: 0n }, "complete", "appointment_release", { at, sessionId });
  if (row.orderId) {
    await tx.update(orders).set({ status: "closed", finishedAt: at, updatedAt: at }).where(and(eq(orders.id, row.orderId), eq(orders.status, "open")));
  }
  const [after] = await tx.select().from(appointments).where(eq(appointments.id, appointmentId));
  return after ?? null;
}
