import { z } from "@hono/zod-openapi";
import { Localized, Medium } from "./common.ts";
import { multilineText, singleLineText } from "./free-text.ts";

// Appointments and terms (SPEC 16). Instants are UTC ISO strings; amounts are minor units.

export const appointmentStatuses = ["pending", "accepted", "rejected", "cancelled", "completed", "no_show"] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/** What the viewer may do next; the page shows a control for each. */
export const appointmentActions = ["accept", "reject", "cancel", "start_chat", "provider_no_show", "customer_no_show"] as const;
export type AppointmentAction = (typeof appointmentActions)[number];

export const SlotsQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional().openapi({ description: "Start of the range (default: now)" }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: "End of the range (default: from + 7 days; at most 31 days)" }),
  blocks: z.coerce.number().int().min(1).max(8).default(1),
  tz: singleLineText().max(64).optional().openapi({ description: "IANA zone to label the times in (default: the viewer's zone)" }),
});

export const Slot = z.object({
  startsAt: z.string().openapi({ description: "UTC ISO start" }),
  endsAt: z.string(),
  local: z.string().openapi({ description: "The start's wall-clock time in `timeZone`, YYYY-MM-DDTHH:mm" }),
});
export type Slot = z.infer<typeof Slot>;

export const SlotsBody = z
  .object({
    providerId: z.uuid(),
    timeZone: z.string(),
    blocks: z.number().int(),
    blockSeconds: z.number().int(),
    slots: z.array(Slot),
  })
  .openapi("Slots");
export type SlotsBody = z.infer<typeof SlotsBody>;

export const BookAppointmentRequest = z
  .strictObject({
    tweepId: z.uuid(),
    medium: Medium,
    startsAt: z.iso.datetime({ offset: true }),
    blocks: z.number().int().min(1).max(8),
  })
  .openapi("BookAppointmentRequest");

export const Appointment = z
  .object({
    id: z.uuid(),
    tweepId: z.uuid(),
    customerId: z.uuid(),
    providerId: z.uuid(),
    customerName: z.string(),
    providerName: z.string(),
    title: Localized,
    medium: Medium,
    // Loosely typed on the wire: a newer server may add a status (see AppointmentStatus).
    status: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    blocks: z.number().int(),
    blockPriceMinor: z.number().int(),
    priceMinor: z.number().int(),
    paidMinor: z.number().int().openapi({ description: "Released to the provider so far" }),
    refundedMinor: z.number().int(),
    remainingMinor: z.number().int().openapi({ description: "Still held" }),
    decideBy: z.string(),
    rejectionReason: z.string().nullable(),
    rejectedAutomatically: z.boolean(),
    cancelledBy: z.enum(["customer", "provider"]).nullable(),
    noShowParty: z.enum(["customer", "provider"]).nullable(),
    orderId: z.uuid().nullable(),
    chatOpensAt: z.string(),
    noShowMarkableAt: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    termsConsent: z.object({ version: z.number().int(), consentedAt: z.string() }).nullable(),
    actions: z.array(z.string()).openapi({ description: "What the viewer may do now" }),
  })
  .openapi("Appointment");
export type Appointment = z.infer<typeof Appointment>;

export const AppointmentBody = z.object({ appointment: Appointment });
export const AppointmentList = z.object({ items: z.array(Appointment) });

export const RejectAppointmentRequest = z.strictObject({ reason: multilineText().min(1).max(1000) });
export const NoShowRequest = z.strictObject({ absent: z.enum(["customer", "provider"]) });

export const TermsView = z
  .object({
    providerId: z.uuid(),
    version: z.number().int().nullable(),
    text: z.string().nullable(),
    publishedAt: z.string().nullable(),
    myConsent: z.object({ version: z.number().int(), consentedAt: z.string() }).nullable(),
    consentRequired: z.boolean(),
  })
  .openapi("Terms");
export type TermsView = z.infer<typeof TermsView>;

export const TermsBody = z.object({ terms: TermsView });
export const PublishTermsRequest = z.strictObject({ text: multilineText().min(1).max(20_000) });
export const ConsentRequest = z.strictObject({ version: z.number().int().min(1) });

/** A customer's consent, as the provider sees it. */
export const TermsConsentLine = z.object({ customerId: z.uuid(), customerName: z.string(), version: z.number().int(), consentedAt: z.string() });
export const TermsConsentList = z.object({ items: z.array(TermsConsentLine) });
