import { createHash } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { appointments, consultationSessions, orders, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { sqlStateOf, withTransaction } from "../../../db/with-transaction.ts";
import { toSessionView } from "../sessions/session-view.ts";
import { chatOpensAt } from "./appointment-view.ts";

function orderIdOf(appointmentId: string): string {
  const hex = createHash("sha256").update(`appointment-order:${appointmentId}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * "Start chat" for an appointment (SPEC 16): from 10 minutes before its start until its end
 * the customer rings the provider even when the provider's status is not Available; the
 * provider must be on the site and not in another session. The call rides on a consultation
 * order made for the appointment (its sessions, chat and reports work as in SPEC 5), whose
 * block 0 is not prepaid: the appointment's hold pays the blocks first (session-money.ts).
 */
export async function startAppointmentChat(ctx: AppContext, input: { appointmentId: string; userId: string }) {
  const now = ctx.now();
  const [found] = await ctx.db
    .select({ appointment: appointments, customerName: users.name })
    .from(appointments)
    .innerJoin(users, eq(users.id, appointments.customerId))
    .where(eq(appointments.id, input.appointmentId));
  if (!found || (found.appointment.customerId !== input.userId && found.appointment.providerId !== input.userId)) {
    throw new AppError("not_found", "There is no such appointment.");
  }
  const { appointment } = found;
  if (appointment.customerId !== input.userId) throw new AppError("forbidden", "Only the appointment's customer starts its chat.");
  if (appointment.status !== "accepted") throw new AppError("invalid_state", `This is not possible while the appointment is ${appointment.status}.`);
  const opensAt = chatOpensAt(appointment, ctx.config);
  if (now < opensAt || now >= appointment.endsAt) {
    throw new AppError("invalid_state", "The chat for an appointment opens 10 minutes before its start and closes at its end.", {
      details: { opensAt: opensAt.toISOString(), endsAt: appointment.endsAt.toISOString() },
    });
  }
  const online = (await ctx.presence.onlineAmong([appointment.providerId], now)).has(appointment.providerId);
  if (!online) {
    throw new AppError("provider_unavailable", "The provider is not on the site yet.", { details: { online: false, reason: "offline" } });
  }

  let row;
  try {
    row = await withTransaction(ctx.db, async (tx) => {
      const orderId = appointment.orderId ?? orderIdOf(appointment.id);
      if (!appointment.orderId) {
        await tx
          .insert(orders)
          .values({
            id: orderId,
            tweepId: appointment.tweepId,
            type: "consultation",
            medium: appointment.medium,
            status: "open",
            customerId: appointment.customerId,
            providerId: appointment.providerId,
            priceMinor: appointment.blockPriceMinor,
            title: appointment.title,
            // Nothing was prepaid into the order: the appointment's hold pays instead.
            prepaidBlockUsed: true,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing();
        await tx.update(appointments).set({ orderId }).where(and(eq(appointments.id, appointment.id), isNull(appointments.orderId)));
      }
      const [inserted] = await tx
        .insert(consultationSessions)
        .values({
          // Guarded like start-call: the row exists only while the appointment is accepted.
          orderId: sql`(select ${appointments.orderId} from ${appointments} where ${appointments.id} = ${appointment.id} and ${appointments.status} = 'accepted' for share)`,
          customerId: appointment.customerId,
          providerId: appointment.providerId,
          medium: appointment.medium,
          blockPriceMinor: appointment.blockPriceMinor,
          ringExpiresAt: new Date(now.getTime() + ctx.config.callRingSeconds * 1000),
          appointmentId: appointment.id,
          createdAt: now,
        })
        .returning();
      return inserted;
    });
  } catch (error) {
    const state = sqlStateOf(error);
    if (state === "23505") throw new AppError("conflict", "A call for this appointment is already ringing or in progress.");
    if (state === "23502") throw new AppError("invalid_state", "This appointment is no longer accepted.");
    throw error;
  }
  if (!row) throw new Error("insert returned no row");
  ctx.live.toUser(appointment.providerId, "call:ringing", {
    sessionId: row.id,
    orderId: row.orderId,
    medium: row.medium,
    customerName: found.customerName,
    ringExpiresAt: row.ringExpiresAt.toISOString(),
    orderTitle: appointment.title,
    blockPriceMinor: Number(row.blockPriceMinor),
    blockSeconds: ctx.config.billing.blockSeconds,
  });
  return toSessionView(row, ctx.config);
}
