import { z } from "@hono/zod-openapi";
import type { ErrorBody } from "./common.ts";
import { Medium } from "./common.ts";
import { OrderMessage } from "./orders.ts";
import { CallRetriedEvent, QueueTurnEvent, QueueUpdatedEvent } from "./queue.ts";
import { LiveStatus, SessionView, WaitingCall } from "./sessions.ts";
import { multilineText } from "./free-text.ts";
import { peopleServerEvents } from "./people.ts";
import { RecordingState } from "./recordings.ts";

/**
 * The catalog of Socket.IO events. Every event a client may send has a zod schema for its
 * payload (checked by the server before any handler runs) and for what its ack carries:
 * `{ ok: true, ...ack }`, or `{ error: { code, message } }` when refused. Server-to-client
 * events are listed with their payloads. The Socket.IO types of both ends are derived below,
 * so a page cannot send an event or payload the server does not know.
 */
const sessionId = z.uuid();
const orderId = z.uuid();
const userIds = z.array(z.uuid()).min(1).max(100);
const SessionAck = z.object({ session: SessionView });

export const clientEvents = {
  /** Keeps the live connection and the user's presence fresh; answers with the server time. */
  heartbeat: { payload: z.strictObject({}), ack: z.object({ serverTime: z.string() }) },
  /** Follow providers' live status (at most 100 at a time); answers with their statuses now. */
  "presence:watch": { payload: z.strictObject({ userIds }), ack: z.object({ statuses: z.array(LiveStatus) }) },
  "presence:unwatch": { payload: z.strictObject({ userIds }), ack: z.object({}) },
  /** The customer rings the provider of a consultation order ("Start chat"). */
  "call:start": { payload: z.strictObject({ orderId }), ack: SessionAck },
  /** "Start chat" for an accepted appointment, in its window (SPEC 16). */
  "call:start-appointment": { payload: z.strictObject({ appointmentId: z.uuid() }), ack: SessionAck },
  /** The customer hangs up while it still rings. */
  "call:cancel": { payload: z.strictObject({ sessionId }), ack: SessionAck },
  "call:answer": { payload: z.strictObject({ sessionId }), ack: SessionAck },
  "call:decline": { payload: z.strictObject({ sessionId }), ack: SessionAck },
  /** The calls ringing for this provider now (the badge after a reload). */
  "calls:waiting": { payload: z.strictObject({}), ack: z.object({ calls: z.array(WaitingCall) }) },
  /** The session page is open; also answers with the session's current state and the caller's part. */
  "session:heartbeat": {
    payload: z.strictObject({ sessionId }),
    ack: z.object({ session: SessionView, role: z.enum(["customer", "provider"]) }),
  },
  "session:end": { payload: z.strictObject({ sessionId }), ack: SessionAck },
  /** Video: the party's offer for its one peer connection to the SFU; answers with the SDP answer. */
  "media:join": {
    payload: z.strictObject({ sessionId, offerSdp: multilineText().min(10).max(20_000) }),
    ack: z.object({ answerSdp: z.string() }),
  },
  /** Text chat: a message in the order's conversation; answers with the stored message. */
  "chat:send": {
    payload: z.strictObject({ orderId, body: multilineText().trim().min(1).max(4000) }),
    ack: z.object({ message: OrderMessage }),
  },
  "chat:typing": { payload: z.strictObject({ orderId }), ack: z.object({}) },
} as const;

export const serverEvents = {
  /** The user's balance changed (top-up, payout, charge…). Sent after the commit. */
  "wallet:updated": z.object({ balanceMinor: z.number().int() }),
  /** An order of the user's changed: its new status, or what happened to it. */
  "order:updated": z.object({ orderId: z.uuid(), status: z.string().optional(), event: z.string().optional() }),
  /** A new message in the thread of one of the user's orders. */
  "order:message": OrderMessage,
  /** A watched provider's live status: what customers see and whether they can call now. */
  "presence:changed": LiveStatus,
  /** To the provider: a customer is calling. */
  "call:ringing": WaitingCall,
  /** To both: the call stopped ringing without a session (missed, declined, cancelled). */
  "call:ended": z.object({
    sessionId: z.uuid(),
    orderId: z.uuid(),
    status: z.enum(["missed", "declined", "cancelled"]),
    /** A missed call that will ring again at this time unless the customer cancels (SPEC 15). */
    retryAt: z.string().optional(),
  }),
  /** To both: the provider answered; the session page is where both go. */
  "call:answered": z.object({ sessionId: z.uuid(), orderId: z.uuid(), medium: Medium }),
  /** To both: the session's clock, charges or end changed. */
  "session:updated": SessionView,
  /** To the customer: the next block cannot be paid from the balance. */
  "session:low-balance": z.object({
    sessionId: z.uuid(),
    boundaryAt: z.string(),
    blockPriceMinor: z.number().int(),
    balanceMinor: z.number().int(),
  }),
  /** To the other party: someone is typing in the order's conversation. */
  "chat:typing": z.object({ orderId: z.uuid(), userId: z.uuid() }),
  // SPEC 15: the queue changed (place and wait, or how a place ended; the length for the
  // provider), "It's your turn", and a missed call rung again.
  "queue:updated": QueueUpdatedEvent,
  "queue:turn": QueueTurnEvent,
  "call:retried": CallRetriedEvent,
  /** To both: the session's recording was asked for, started, stopped, or got a new file (SPEC 18). */
  "recording:updated": RecordingState,
  ...peopleServerEvents,
} as const;

export type ClientEventName = keyof typeof clientEvents;
/** What a page sends (before the server's trimming and defaults). */
export type ClientEventPayload<E extends ClientEventName> = z.input<(typeof clientEvents)[E]["payload"]>;
/** What a handler receives after the catalog parsed it. */
export type ParsedClientEventPayload<E extends ClientEventName> = z.output<(typeof clientEvents)[E]["payload"]>;
/** What the ack carries besides `ok: true`. */
export type ClientEventAck<E extends ClientEventName> = z.infer<(typeof clientEvents)[E]["ack"]>;
/** The whole ack: success or a refusal with the same body as an HTTP 4xx. */
export type AckResponse<E extends ClientEventName> = ({ ok: true } & ClientEventAck<E>) | ErrorBody;

export type ServerEventName = keyof typeof serverEvents;
export type ServerEventPayload<E extends ServerEventName> = z.infer<(typeof serverEvents)[E]>;

/** Socket.IO's event map for what pages send: `Socket<ServerToClientEvents, ClientToServerEvents>` on the page. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientEventPayload<E>, ack: (response: AckResponse<E>) => void) => void;
};

/** Socket.IO's event map for what the server pushes: `Server<ClientToServerEvents, ServerToClientEvents>`. */
export type ServerToClientEvents = {
  [E in ServerEventName]: (payload: ServerEventPayload<E>) => void;
};

export type CallEndedEvent = ServerEventPayload<"call:ended">;
export type CallAnsweredEvent = ServerEventPayload<"call:answered">;
export type LowBalanceEvent = ServerEventPayload<"session:low-balance">;
export type TypingEvent = ServerEventPayload<"chat:typing">;
export type OrderUpdatedEvent = ServerEventPayload<"order:updated">;
export type WalletUpdatedEvent = ServerEventPayload<"wallet:updated">;
