import { and, eq } from "drizzle-orm";
import { appointments } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { readAppointmentFor, readAppointmentViews } from "./appointment-view.ts";

/** `GET /appointments?as=customer|provider` (SPEC 16 "My appointments"), by start time. */
export async function listAppointments(ctx: AppContext, input: { userId: string; as: "customer" | "provider"; status?: string }) {
  const party = input.as === "customer" ? appointments.customerId : appointments.providerId;
  const status = input.status ? eq(appointments.status, input.status as typeof appointments.$inferSelect.status) : undefined;
  return readAppointmentViews(ctx.db, ctx.config, and(eq(party, input.userId), status), input.userId, ctx.now(), 500);
}

/** `GET /appointments/{id}`: for its two parties only. */
export function getAppointment(ctx: AppContext, input: { appointmentId: string; userId: string }) {
  return readAppointmentFor(ctx.db, ctx.config, input.appointmentId, input.userId, ctx.now());
}
