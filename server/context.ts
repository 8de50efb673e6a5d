import type { Database } from "../db/client.ts";
import type { Config } from "./env.ts";
import type { Logger } from "./logger.ts";
import type { Mailer } from "./messaging/mailer.ts";
import type { SmsSender } from "./messaging/sms.ts";
import type { PaymentGateway } from "./payments/payment-gateway.ts";
import type { RateLimits } from "./rate-limits.ts";
import type { ServerEventName, ServerEventPayload } from "../contract/live-events.ts";
import type { PresenceStore } from "./presence/presence-store.ts";
import type { FileStorage } from "./storage/file-storage.ts";

/** The settings the domain is given (read once from the environment by server/env.ts). */
export type { Config };

/**
 * What the live connection layer offers the domain: a way to tell a user's open pages
 * that something changed. Called only after the causing transaction committed (docs/architecture.md rule 6).
 */
export type LiveEvents = {
  toUser<E extends ServerEventName>(userId: string, event: E, payload: ServerEventPayload<E>): void;
  /** Pages watching a provider's live status (tweep page, order card, catalog). */
  toWatchersOf<E extends ServerEventName>(userId: string, event: E, payload: ServerEventPayload<E>): void;
};

/** What the domain may ask of the media server: it never learns more than a room id. */
export type MediaControl = {
  /** Joins the party's one peer connection to the room (a short-lived token is made for it). */
  join(input: { roomId: string; userId: string; role: "customer" | "provider"; offerSdp: string }): Promise<{ answerSdp: string }>;
  /** Closes both peers of the room at once (a cut-off, an end). */
  closeRoom(roomId: string): Promise<void>;
  /** SPEC 18: the SFU writes what the room forwards to files, until stopRecording or the room closes. */
  startRecording(roomId: string): Promise<void>;
  /** Stops it and answers the files written (temporary paths the caller moves into storage). */
  stopRecording(roomId: string): Promise<RecordedTrackFile[]>;
};

/** A file the SFU wrote: one party's audio or video of a recorded session. */
export type RecordedTrackFile = {
  path: string;
  role: "provider" | "customer";
  kind: "audio" | "video";
  contentType: string;
  startedAtMs: number;
  endedAtMs: number;
  durationMs: number;
  sizeBytes: number;
};

/** Everything a use case may need, passed in explicitly: no module-level singletons. */
export type AppContext = {
  config: Config;
  db: Database;
  logger: Logger;
  now: () => Date;
  sms: SmsSender;
  mailer: Mailer;
  payments: PaymentGateway;
  rateLimits: RateLimits;
  storage: FileStorage;
  live: LiveEvents;
  presence: PresenceStore;
  media: MediaControl;
};
