import { z } from "zod";

/**
 * The catalog of Socket.IO events. Every event a client may send has a zod schema for its
 * payload and is answered through an ack: `{ ok: true, ... }` or `{ error: { code, message } }`.
 * Server-to-client events are listed with their payloads for the pages to rely on.
 */
export const clientEvents = {
  /** Keeps the live connection (and later, presence) fresh; answers with the server time. */
  heartbeat: z.strictObject({}),
} as const;

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
} as const;

export type ClientEventName = keyof typeof clientEvents;
export type ServerEventName = keyof typeof serverEvents;
export type ServerEventPayload<E extends ServerEventName> = z.infer<(typeof serverEvents)[E]>;

export type Ack = (response: unknown) => void;
