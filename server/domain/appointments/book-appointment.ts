import { createHash } from "node:crypto";
import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { appointments, tweeps, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { ensureAppointmentHoldAccount, ensureUserAccount, readUserBalanceMinor } from "../ledger/ledger-accounts.ts";
import { postTransfer } from "../ledger/post-transfer.ts";
import { requireTermsConsent } from "../terms/require-terms-consent.ts";
import { isFreeStart } from "./free-slots.ts";
import { readAppointmentFor } from "./appointment-view.ts";
import { notifyAppointmentChange } from "./notify-appointment-change.ts";

export type BookAppointmentInput = {
  customerId: string;
  tweepId: string;
  medium: "video" | "text";
  startsAt: Date;
  blocks: number;
  /** The client's Idempotency-Key (or a fresh one): a retried POST finds the same appointment. */
  requestKey: string;
};

function appointmentIdFor(customerId: string, requestKey: string): string {
  const hex = createHash("sha256").update(`appointment:${customerId}:${requestKey}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A provider's appointments that hold time (SPEC 16: pending and accepted). */
export const holdingTime = inArray(appointments.status, ["pending", "accepted"]);

/**
 * `POST /appointments` (SPEC 16 "Booking"): the price (blocks × block price) moves into the
 * appointment's hold in the same transaction as the insert, and the request is `pending`.
 * Bookings of one provider serialise on a lock per provider, taken before the overlap check,
 * so of two requests for one time exactly one is booked, whichever process serves them.
 */
export async function bookAppointment(ctx: AppContext, input: BookAppointmentInput) {
  const { currency } = ctx.config;
  const settings = ctx.config.appointments;
  const id = appointmentIdFor(input.customerId, input.requestKey);
  const now = ctx.now();
  const result = await withTransaction(ctx.db, async (tx) => {
    const [existing] = await tx.select().from(appointments).where(eq(appointments.id, id));
    if (existing) {
      const same =
        existing.customerId === input.customerId &&
        existing.tweepId === input.tweepId &&
        existing.medium === input.medium &&
        existing.startsAt.getTime() === input.startsAt.getTime() &&
        existing.blocks === input.blocks;
      if (!same) throw new AppError("idempotency_key_reused", "This idempotency key was already used for a different booking.");
      return { row: existing, created: false };
    }
    const [tweep] = await tx
      .select({ id: tweeps.id, providerId: tweeps.providerId, type: tweeps.type, status: tweeps.status, title: tweeps.title, video: tweeps.videoPriceMinor, text: tweeps.textPriceMinor })
      .from(tweeps)
      .where(eq(tweeps.id, input.tweepId));
    if (!tweep) throw new AppError("not_found", "There is no such tweep.");
    if (tweep.status !== "published") throw new AppError("invalid_state", "This tweep is not published.");
    if (tweep.type !== "consultation") throw new AppError("invalid_state", "Only consultations can be booked.");
    if (tweep.providerId === input.customerId) throw new AppError("conflict", "You cannot book your own tweep.", { details: { reason: "own_tweep" } });
    const blockPriceMinor = input.medium === "video" ? tweep.video : tweep.text;
    if (blockPriceMinor === null || blockPriceMinor <= 0n) throw new AppError("validation_failed", `medium: this tweep offers no ${input.medium} consultation.`);
    await requireTermsConsent(tx, { providerId: tweep.providerId, customerId: input.customerId });

    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended('appointments:' || ${tweep.providerId}::text, 0))`);
    const lengthMs = input.blocks * ctx.config.billing.blockSeconds * 1000;
    const endsAt = new Date(input.startsAt.getTime() + lengthMs);
    const [provider] = await tx
      .select({ hours: users.availabilityHours, zone: sql<string>`coalesce(${users.availabilityTimeZone}, ${users.timeZone})` })
      .from(users)
      .where(eq(users.id, tweep.providerId));
    const busy = await tx
      .select({ startsAt: appointments.startsAt, endsAt: appointments.endsAt })
      .from(appointments)
      .where(and(eq(appointments.providerId, tweep.providerId), holdingTime, lt(appointments.startsAt, endsAt), gt(appointments.endsAt, input.startsAt)));
    const free = isFreeStart(
      {
        grid: { hours: provider?.hours ?? [], timeZone: provider?.zone ?? "UTC" },
        lengthMs,
        stepMs: settings.slotMinutes * 60_000,
        earliest: new Date(now.getTime() + settings.leadMinutes * 60_000),
        busy,
      },
      input.startsAt,
    );
    if (!free) {
      throw new AppError("conflict", "This time is not free: choose another start.", { details: { reason: busy.length > 0 ? "slot_taken" : "not_bookable" } });
    }

    const priceMinor = blockPriceMinor * BigInt(input.blocks);
    const [row] = await tx
      .insert(appointments)
      .values({
        id,
        tweepId: tweep.id,
        customerId: input.customerId,
        providerId: tweep.providerId,
        medium: input.medium,
        startsAt: input.startsAt,
        endsAt,
        blocks: input.blocks,
        blockPriceMinor,
        priceMinor,
        title: tweep.title,
        decideBy: new Date(now.getTime() + settings.decisionHours * 3_600_000),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await postTransfer(tx, {
      idempotencyKey: `appointment:${row.id}:hold`,
      kind: "appointment_hold",
      legs: [
        { accountId: await ensureUserAccount(tx, input.customerId, currency), amountMinor: -priceMinor },
        { accountId: await ensureAppointmentHoldAccount(tx, row.id, currency), amountMinor: priceMinor },
      ],
    });
    return { row, created: true };
  });
  if (result.created) {
    await notifyAppointmentChange(ctx, result.row, "appointment_requested");
    const balanceMinor = Number(await readUserBalanceMinor(ctx.db, input.customerId));
    ctx.live.toUser(input.customerId, "wallet:updated", { balanceMinor });
  }
  return { appointment: await readAppointmentFor(ctx.db, ctx.config, result.row.id, input.customerId, ctx.now()), created: result.created };
}
