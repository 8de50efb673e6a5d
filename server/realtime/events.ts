import { z } from "zod";

/**
 * The catalog of Socket.IO events. Every event a client may send has a zod schema for its
 * payload and is answered through an ack: `{ ok: true, ... }` or `{ error: { code, message } }`.
 * Server-to-client events are listed with their payloads for the pages to rely on.
 */
const sessionId = z.uuid();
const orderId = z.uuid();

export const clientEvents = {
  /** Keeps the live connection and the user's presence fresh; answers with the server time. */
  heartbeat: z.strictObject({}),
  /** Follow providers' live status (at most 100 at a time); answers with their statuses now. */
  "presence:watch": z.strictObject({ userIds: z.array(z.uuid()).min(1).max(100) }),
  "presence:unwatch": z.strictObject({ userIds: z.array(z.uuid()).min(1).max(100) }),
  /** The customer rings the provider of a consultation order ("Start chat"). */
  "call:start": z.strictObject({ orderId }),
  /** The customer hangs up while it still rings. */
  "call:cancel": z.strictObject({ sessionId }),
  "call:answer": z.strictObject({ sessionId }),
  "call:decline": z.strictObject({ sessionId }),
  /** The calls ringing for this provider now (the badge after a reload). */
  "calls:waiting": z.strictObject({}),
  /** The session page is open; also answers with the session's current state. */
  "session:heartbeat": z.strictObject({ sessionId }),
  "session:end": z.strictObject({ sessionId }),
  /** Video: the party's offer for its one peer connection to the SFU; answers with the SDP answer. */
  "media:join": z.strictObject({ sessionId, offerSdp: z.string().min(10).max(20_000) }),
  /** Text chat: a message in the order's conversation; answers with the stored message. */
  "chat:send": z.strictObject({ orderId, body: z.string().trim().min(1).max(4000) }),
  "chat:typing": z.strictObject({ orderId }),
} as const;

const providerStatus = z.enum(["available", "busy", "not_set"]);

// ---- Calls that survive the network (SPEC 19): fields of a session's view -------------------
// Added to every session view (`session:updated`, `session:heartbeat`, the order's sessions).
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
/** A ringing call's popup (issue "Ringing that is heard"): what is being called about, and its price. */
export const ringingDetailFields = {
  /** The order's title (the tweep's), in the languages it was written in. */
  orderTitle: z.record(z.string(), z.string()),
  blockPriceMinor: z.number().int(),
  blockSeconds: z.number().int(),
};
// ---- end of SPEC 19 session fields ------------------------------------------------------------

/** A call or session as both parties' pages and `GET /orders/{id}/sessions` see it. */
export const sessionView = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  medium: z.enum(["video", "text"]),
  status: z.enum(["ringing", "missed", "declined", "cancelled", "live", "ended"]),
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
});
export type SessionView = z.infer<typeof sessionView>;

export const serverEvents = {
  /** The user's balance changed (top-up, payout, charge…). Sent after the commit. */
  "wallet:updated": z.object({ balanceMinor: z.number().int() }),
  /** An order of the user's changed: its new status, or what happened to it. */
  "order:updated": z.object({ orderId: z.uuid(), status: z.string().optional(), event: z.string().optional() }),
  /** A new message in the thread of one of the user's orders. */
  "order:message": z.object({
    id: z.uuid(),
    orderId: z.uuid(),
    authorId: z.uuid(),
    body: z.string(),
    createdAt: z.string(),
  }),
  /** A watched provider's live status: what customers see and whether they can call now. */
  "presence:changed": z.object({ userId: z.uuid(), online: z.boolean(), status: providerStatus, callable: z.boolean() }),
  /** To the provider: a customer is calling. */
  "call:ringing": z.object({
    sessionId: z.uuid(),
    orderId: z.uuid(),
    medium: z.enum(["video", "text"]),
    customerName: z.string(),
    ringExpiresAt: z.string(),
    ...ringingDetailFields,
  }),
  /** To both: the call stopped ringing without a session (missed, declined, cancelled). */
  "call:ended": z.object({ sessionId: z.uuid(), orderId: z.uuid(), status: z.enum(["missed", "declined", "cancelled"]) }),
  /** To both: the provider answered; the session page is where both go. */
  "call:answered": z.object({ sessionId: z.uuid(), orderId: z.uuid(), medium: z.enum(["video", "text"]) }),
  /** To both: the session's clock, charges or end changed. */
  "session:updated": sessionView,
  /** To the customer: the next block cannot be paid from the balance. */
  "session:low-balance": z.object({
    sessionId: z.uuid(),
    boundaryAt: z.string(),
    blockPriceMinor: z.number().int(),
    balanceMinor: z.number().int(),
  }),
  /** To the other party: someone is typing in the order's conversation. */
  "chat:typing": z.object({ orderId: z.uuid(), userId: z.uuid() }),
} as const;

export type ClientEventName = keyof typeof clientEvents;
export type ClientEventPayload<E extends ClientEventName> = z.infer<(typeof clientEvents)[E]>;
export type ServerEventName = keyof typeof serverEvents;
export type ServerEventPayload<E extends ServerEventName> = z.infer<(typeof serverEvents)[E]>;

export type Ack = (response: unknown) => void;
