import { and, eq } from "drizzle-orm";
import { appointments } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { notifyAppointmentChange } from "./notify-appointment-change.ts";

/** After an appointment's session ended and committed: both parties hear it is completed. */
export async function announceAppointmentCompleted(ctx: AppContext, appointmentId: string) {
  const [row] = await ctx.db.select().from(appointments).where(and(eq(appointments.id, appointmentId), eq(appointments.status, "completed")));
  if (row) await notifyAppointmentChange(ctx, row, "appointment_completed");
}
