import { z } from "@hono/zod-openapi";
import { Medium, ProviderStatus } from "./common.ts";
import { sessionPackageFields } from "./packages.ts";

// Calls and sessions (SPEC 6, 9) as both parties' pages see them.

export const sessionStatuses = ["ringing", "missed", "declined", "cancelled", "live", "ended"] as const;
export type SessionStatus = (typeof sessionStatuses)[number];

// ---- Calls that survive the network (SPEC 19) ---------------------------------------------------
/** Added to every session view (`session:updated`, `session:heartbeat`, the order's sessions). */
export const sessionResilienceFields = {
  /** The clock is paused since then (dead air); null while it runs. */
  pausedAt: z.string().nullable(),
  /** Paused time of the pauses that ended: block boundaries have moved by it. */
  pausedTotalMs: z.number().int(),
  /** A lost party must be back by then, or the session ends as connection_lost; null while connected. */
  customerReconnectBy: z.string().nullable(),
  providerReconnectBy: z.string().nullable(),
  /** Blocks charged and given back (after the recorded end, or a short session). */
  blocksRefunded: z.number().int(),
  /** Blocks credited back to the customer for a poor connection. */
  blocksCredited: z.number().int(),
};

/** A ringing call's popup ("Ringing that is heard"): what is being called about, and its price. */
export const ringingDetailFields = {
  /** The order's title (the tweep's), in the languages it was written in. */
  orderTitle: z.record(z.string(), z.string()),
  blockPriceMinor: z.number().int(),
  blockSeconds: z.number().int(),
};
// ---- end of SPEC 19 ------------------------------------------------------------------------------

/** A call or session as both parties' pages, `session:updated` and `GET /orders/{id}/sessions` see it. */
export const SessionView = z
  .object({
    id: z.uuid(),
    orderId: z.uuid(),
    medium: Medium,
    status: z.enum(sessionStatuses),
    blockPriceMinor: z.number().int(),
    blockSeconds: z.number().int(),
    ringExpiresAt: z.string(),
    answeredAt: z.string().nullable(),
    clockStartedAt: z.string().nullable(),
    nextChargeAt: z.string().nullable(),
    blocksCharged: z.number().int(),
    endedAt: z.string().nullable(),
    endReason: z.string().nullable(),
    void: z.boolean(),
    ...sessionResilienceFields,
    ...sessionPackageFields,
    retryAt: z.string().nullable().openapi({ description: "A missed call that will ring again by itself at this time unless the customer cancels it (SPEC 15)" }),
  })
  .openapi("Session");
export type SessionView = z.infer<typeof SessionView>;

/** A call ringing for the provider (`call:ringing`, `calls:waiting`). */
export const WaitingCall = z.object({
  sessionId: z.uuid(),
  orderId: z.uuid(),
  medium: Medium,
  customerName: z.string(),
  ringExpiresAt: z.string(),
  ...ringingDetailFields,
});
export type WaitingCall = z.infer<typeof WaitingCall>;

export const UncallableReason = z.enum(["offline", "busy", "paused", "not_set", "channel_off", "outside_hours"]);
export type UncallableReason = z.infer<typeof UncallableReason>;
/** The channels a provider takes calls on (SPEC 15). */
export const Channels = z.object({ video: z.boolean(), text: z.boolean() }).openapi("Channels");

/** A provider's live status: what customers see and whether they can call now. */
export const LiveStatus = z
  .object({
    userId: z.uuid(),
    online: z.boolean().openapi({ description: "On the site: a page of theirs sent a heartbeat lately" }),
    status: ProviderStatus.openapi({ description: "What customers see: busy during a session, else the chosen status" }),
    callable: z.boolean().openapi({
      description: "On the site, Available, within open hours, channel on, not in a session and not reserved for someone in the queue: Start chat works",
    }),
    // SPEC 15: why not callable, when that may change, whether the queue is open.
    reason: UncallableReason.optional().openapi({ description: "Why not callable" }),
    opensAt: z.string().optional().openapi({ description: "When the next open hour begins, or the pause ends" }),
    queueOpen: z.boolean().openapi({ description: "Join the queue is possible now" }),
    channels: Channels,
    queueLength: z.number().int().openapi({ description: "Customers waiting or holding the turn" }),
  })
  .openapi("LiveStatus");
export type LiveStatus = z.infer<typeof LiveStatus>;
