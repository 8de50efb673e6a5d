import { z } from "@hono/zod-openapi";
import { Medium } from "./common.ts";

// The waiting list, call retries and the provider's panel (SPEC 15, statistics of SPEC 18).

export const QueueEntryStatus = z.enum(["waiting", "turn", "called", "left", "expired", "closed"]);
export type QueueEntryStatus = z.infer<typeof QueueEntryStatus>;

/** The customer's place in a provider's line (`GET /me/queue`, `POST /orders/{id}/queue`). */
export const QueuePlace = z
  .object({
    orderId: z.uuid(),
    providerId: z.uuid(),
    status: z.enum(["waiting", "turn"]),
    place: z.number().int().openapi({ description: "1 is next" }),
    length: z.number().int(),
    etaSeconds: z.number().int().openapi({
      description: "Estimated wait: the current session's remaining expected time plus the median session length per customer ahead",
    }),
    joinedAt: z.string(),
    turnExpiresAt: z.string().optional().openapi({ description: "While it is this customer's turn: until when the provider is reserved for them" }),
  })
  .openapi("QueuePlace");
export type QueuePlace = z.infer<typeof QueuePlace>;

/** One waiting customer as the provider sees the line. */
export const QueueEntry = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    customerName: z.string(),
    orderId: z.uuid(),
    medium: Medium,
    status: z.enum(["waiting", "turn"]),
    place: z.number().int(),
    etaSeconds: z.number().int(),
    joinedAt: z.string(),
    turnExpiresAt: z.string().nullable(),
  })
  .openapi("QueueEntry");
export type QueueEntry = z.infer<typeof QueueEntry>;

/** `GET /providers/{id}/queue`: the list for the provider, the length and a newcomer's wait for anyone. */
export const ProviderQueue = z.object({
  length: z.number().int(),
  etaSeconds: z.number().int(),
  medianSessionSeconds: z.number().int().optional(),
  entries: z.array(QueueEntry).optional(),
});

export const PlainDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
const Counts = {
  earningsMinor: z.number().int().openapi({ description: "Net: what reached the provider's account for consultation blocks" }),
  grossMinor: z.number().int(),
  sessions: z.number().int(),
  minutes: z.number().int(),
  answered: z.number().int(),
  missed: z.number().int(),
};
export const StatsPoint = z.object({ start: PlainDate, ...Counts }).openapi("StatsPoint");
export type StatsPoint = z.infer<typeof StatsPoint>;
export const Stats = z.object({
  from: PlainDate,
  to: PlainDate,
  bucket: z.enum(["day", "week"]),
  timeZone: z.string(),
  currency: z.string(),
  series: z.array(StatsPoint),
  totals: z.object(Counts),
});
export type Stats = z.infer<typeof Stats>;

export const Consultation = z
  .object({
    id: z.uuid(),
    orderId: z.uuid(),
    title: z.object({ ru: z.string().optional(), en: z.string().optional() }),
    medium: Medium,
    customerId: z.uuid(),
    customerName: z.string(),
    providerId: z.uuid(),
    providerName: z.string(),
    status: z.string(),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    durationSeconds: z.number().int(),
    blocks: z.number().int(),
    void: z.boolean(),
    endReason: z.string().nullable(),
    grossMinor: z.number().int(),
    commissionMinor: z.number().int(),
    netMinor: z.number().int(),
  })
  .openapi("Consultation");
export type Consultation = z.infer<typeof Consultation>;

export const Call = z
  .object({
    id: z.uuid(),
    orderId: z.uuid(),
    customerId: z.uuid(),
    customerName: z.string(),
    medium: Medium,
    at: z.string(),
    outcome: z.enum(["answered", "missed", "declined", "cancelled", "ringing", "lost"]),
    retry: z.boolean().openapi({ description: "The automatic second ring of a missed call" }),
  })
  .openapi("Call");
export type Call = z.infer<typeof Call>;

// --- Live events of the waiting list and retries ---
export const QueueUpdatedEvent = z.object({
  providerId: z.uuid(),
  length: z.number().int(),
  orderId: z.uuid().optional(),
  status: QueueEntryStatus.optional(),
  place: z.number().int().nullable().optional(),
  etaSeconds: z.number().int().nullable().optional(),
  turnExpiresAt: z.string().nullable().optional(),
  reason: z.string().optional(),
});
export type QueueUpdatedEvent = z.infer<typeof QueueUpdatedEvent>;
export const QueueTurnEvent = z.object({ providerId: z.uuid(), orderId: z.uuid(), turnExpiresAt: z.string() });
export type QueueTurnEvent = z.infer<typeof QueueTurnEvent>;
export const CallRetriedEvent = z.object({
  sessionId: z.uuid(),
  orderId: z.uuid(),
  retrySessionId: z.uuid().optional(),
  ringExpiresAt: z.string().optional(),
  failed: z.string().optional(),
});
export type CallRetriedEvent = z.infer<typeof CallRetriedEvent>;
