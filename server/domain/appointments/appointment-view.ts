import { and, eq, exists, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../../db/client.ts";
import { appointments, consultationSessions, termsConsents, users } from "../../../db/schema.ts";
import type { Appointment } from "../../../contract/appointments.ts";
import type { Config } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { decideNoShow, type Party } from "./appointment-rules.ts";

export type AppointmentRow = typeof appointments.$inferSelect;
type AppointmentConfig = Pick<Config, "appointments">;

const customers = alias(users, "customer");
const providers = alias(users, "provider");

/** The chat for an appointment may start from this instant until its end (SPEC 16). */
export function chatOpensAt(row: Pick<AppointmentRow, "startsAt">, config: AppointmentConfig): Date {
  return new Date(row.startsAt.getTime() - config.appointments.chatOpensMinutes * 60_000);
}

export function isChatWindow(row: Pick<AppointmentRow, "startsAt" | "endsAt">, config: AppointmentConfig, now: Date): boolean {
  return now >= chatOpensAt(row, config) && now < row.endsAt;
}


type Facts = { customerName: string; providerName: string; customerCalled: boolean; consent: { version: number; consentedAt: Date } | null };

export function toAppointmentView(row: AppointmentRow, facts: Facts, viewer: Party, config: AppointmentConfig, now: Date): Appointment {
  const remainingMinor = row.priceMinor - row.paidMinor - row.refundedMinor;
  const noShowMarkableAt = new Date(row.startsAt.getTime() + config.appointments.noShowMinutes * 60_000);
  const actions: string[] = [];
  if (row.status === "pending" && viewer === "provider") actions.push("accept", "reject");
  if (row.status === "pending" && viewer === "customer") actions.push("cancel");
  if (row.status === "accepted") {
    if (now < row.endsAt) actions.push("cancel");
    if (viewer === "customer" && isChatWindow(row, config, now)) actions.push("start_chat");
    const claimedAbsent: Party = viewer === "customer" ? "provider" : "customer";
    const noShow = decideNoShow({
      claimedAbsent,
      startsAt: row.startsAt,
      now,
      noShowMinutes: config.appointments.noShowMinutes,
      providerSeenAt: row.providerSeenAt,
      customerCalled: facts.customerCalled,
    });
    if (noShow.allowed) actions.push(claimedAbsent === "provider" ? "provider_no_show" : "customer_no_show");
  }
  return {
    id: row.id,
    tweepId: row.tweepId,
    customerId: row.customerId,
    providerId: row.providerId,
    customerName: facts.customerName,
    providerName: facts.providerName,
    title: row.title,
    medium: row.medium,
    status: row.status,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    blocks: row.blocks,
    blockPriceMinor: Number(row.blockPriceMinor),
    priceMinor: Number(row.priceMinor),
    paidMinor: Number(row.paidMinor),
    refundedMinor: Number(row.refundedMinor),
    remainingMinor: Number(remainingMinor),
    decideBy: row.decideBy.toISOString(),
    rejectionReason: row.rejectionReason,
    rejectedAutomatically: row.rejectedAutomatically,
    cancelledBy: row.cancelledBy,
    noShowParty: row.noShowParty,
    orderId: row.orderId,
    chatOpensAt: chatOpensAt(row, config).toISOString(),
    noShowMarkableAt: noShowMarkableAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    termsConsent: facts.consent ? { version: facts.consent.version, consentedAt: facts.consent.consentedAt.toISOString() } : null,
    actions,
  };
}

/** Appointments with what their views need, in one query. */
export async function readAppointmentViews(
  db: Executor,
  config: AppointmentConfig,
  where: ReturnType<typeof and>,
  viewerId: string,
  now: Date,
  limit = 200,
): Promise<Appointment[]> {
  const rows = await db
    .select({
      appointment: appointments,
      customerName: customers.name,
      providerName: providers.name,
      customerCalled: exists(
        db.select({ one: consultationSessions.id }).from(consultationSessions).where(eq(consultationSessions.appointmentId, appointments.id)),
      ).mapWith(Boolean),
    })
    .from(appointments)
    .innerJoin(customers, eq(customers.id, appointments.customerId))
    .innerJoin(providers, eq(providers.id, appointments.providerId))
    .where(where)
    .orderBy(appointments.startsAt)
    .limit(limit);
  const consents = await readConsents(db, rows.map((r) => r.appointment));
  return rows.map(({ appointment, ...facts }) =>
    toAppointmentView(
      appointment,
      { ...facts, consent: consents.get(`${appointment.providerId}:${appointment.customerId}`) ?? null },
      appointment.customerId === viewerId ? "customer" : "provider",
      config,
      now,
    ),
  );
}

async function readConsents(db: Executor, rows: AppointmentRow[]) {
  const byPair = new Map<string, { version: number; consentedAt: Date }>();
  const customerIds = [...new Set(rows.map((row) => row.customerId))];
  if (customerIds.length === 0) return byPair;
  const consents = await db.select().from(termsConsents).where(inArray(termsConsents.customerId, customerIds));
  for (const consent of consents) {
    const key = `${consent.providerId}:${consent.customerId}`;
    const known = byPair.get(key);
    if (!known || known.version < consent.version) byPair.set(key, { version: consent.version, consentedAt: consent.consentedAt });
  }
  return byPair;
}

/** One appointment for one of its two parties; anyone else gets the same 404 as for none. */
export async function readAppointmentFor(db: Executor, config: AppointmentConfig, appointmentId: string, viewerId: string, now: Date) {
  const [view] = await readAppointmentViews(db, config, and(eq(appointments.id, appointmentId)), viewerId, now, 1);
  if (!view || (view.customerId !== viewerId && view.providerId !== viewerId)) throw new AppError("not_found", "There is no such appointment.");
  return view;
}
