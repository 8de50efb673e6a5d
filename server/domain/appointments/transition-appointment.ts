import { and, eq, inArray } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { appointments, type AppointmentStatus } from "../../../db/schema.ts";
import { AppError } from "../../errors.ts";
import type { Party } from "./appointment-rules.ts";
import type { AppointmentRow } from "./appointment-view.ts";

/**
 * The guarded state change of docs/architecture.md rule 3: one UPDATE from one of the
 * allowed statuses, by the party named; no row changed means the appointment is not the
 * party's (404, as for none) or not in a state that allows it (409). The row stays locked
 * until the transaction ends, so the money moved after it is moved once.
 */
export async function transitionAppointment(
  tx: Transaction,
  input: { appointmentId: string; party: Party | "system"; userId?: string; from: readonly AppointmentStatus[]; to: AppointmentStatus; set?: Partial<typeof appointments.$inferInsert>; now: Date },
): Promise<AppointmentRow> {
  const partyColumn = input.party === "customer" ? appointments.customerId : input.party === "provider" ? appointments.providerId : null;
  const [updated] = await tx
    .update(appointments)
    .set({ ...input.set, status: input.to, updatedAt: input.now })
    .where(
      and(
        eq(appointments.id, input.appointmentId),
        partyColumn && input.userId ? eq(partyColumn, input.userId) : undefined,
        inArray(appointments.status, [...input.from]),
      ),
    )
    .returning();
  if (updated) return updated;
  const [current] = await tx.select({ customerId: appointments.customerId, providerId: appointments.providerId, status: appointments.status }).from(appointments).where(eq(appointments.id, input.appointmentId));
  if (!current || (input.userId && current.customerId !== input.userId && current.providerId !== input.userId)) {
    throw new AppError("not_found", "There is no such appointment.");
  }
  const namedParty = input.party === "customer" ? current.customerId : input.party === "provider" ? current.providerId : null;
  if (input.from.length === 0 || (input.userId && namedParty !== input.userId)) {
    throw new AppError("forbidden", "This is not yours to do on this appointment.");
  }
  throw new AppError("invalid_state", `This is not possible while the appointment is ${current.status}.`, { details: { status: current.status } });
}

/** Which side of the appointment the user is on, or null. */
export async function partyOf(tx: Transaction, appointmentId: string, userId: string): Promise<Party | null> {
  const [row] = await tx.select({ customerId: appointments.customerId, providerId: appointments.providerId }).from(appointments).where(eq(appointments.id, appointmentId));
  if (!row) return null;
  return row.customerId === userId ? "customer" : row.providerId === userId ? "provider" : null;
}
