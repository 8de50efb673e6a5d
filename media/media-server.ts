import { type PartyHooks, attachParty, createParty, releaseParty } from "./attach-party.ts";
import { answerOffer } from "./answer-offer.ts";
import { type IceOptions, type IceServer, createPeerConfig } from "./create-peer-config.ts";
import type { ForwardingCounters } from "./forward-rtp.ts";
import { type MediaRole, verifyJoinToken } from "./join-token.ts";
import { MediaError } from "./media-error.ts";
import { requestKeyframe } from "./request-keyframe.ts";
import { type Party, type Room, countParties, createRoom, getCounterpart, getParty, setParty } from "./room-state.ts";
import { watchProviderMedia } from "./watch-provider-media.ts";
import { watchSilence } from "./watch-silence.ts";
import { createRoomRecording, type RecordedTrack } from "./recording/room-recording.ts";
import { finishRecording, startRoomRecording } from "./recording/room-recording-control.ts";

export type MediaServerEvent =
  /** The first provider RTP packet (audio or video) written to the customer's connected peer, and
   * the first one after each stall. */
  | { type: "provider-media-forwarded"; roomId: string; at: Date }
  /** The provider's media still reaches the customer: about once a second while it flows, with
   * the clock-running time since the last such report and how much of it was frozen or lossy. */
  | { type: "provider-media-seen"; roomId: string; at: Date; observedMs: number; impairedMs: number }
  /** No provider packet reached the customer since `at` (a stall, or a party's peer gone). */
  | { type: "provider-media-stalled"; roomId: string; at: Date }
  /** A party's peer connected (its first join, or a rejoin after a reload or a drop). */
  | { type: "party-connected"; roomId: string; role: MediaRole; at: Date }
  /** A party's peer failed or closed by itself, not through leave() or closeRoom(): the party is
   * disconnected and may rejoin; the room and the other party stay. `at` is when it was last heard. */
  | { type: "party-disconnected"; roomId: string; role: MediaRole; reason: "closed" | "failed"; at: Date }
  /** A recording ended with its room (closed, or the server shut down): the files it wrote. */
  | { type: "recording-finished"; roomId: string; at: Date; tracks: RecordedTrack[] };

export type MediaServer = {
  join(input: { token: string; offerSdp: string }): Promise<{ answerSdp: string }>;
  leave(roomId: string, role: MediaRole): Promise<void>;
  /** Closes both peers at once (a cut-off or an end); the room cannot be joined again. */
  closeRoom(roomId: string): Promise<void>;
  /** Starts writing what the room forwards to files in `directory`, a file per track (SPEC 18). */
  startRecording(roomId: string, options: { directory: string }): Promise<void>;
  /** Stops the room's recording and answers the files it wrote (none when it was not recording). */
  stopRecording(roomId: string): Promise<RecordedTrack[]>;
  stats(): { rooms: number; peers: number; forwardedPackets: number; ownPathPackets: number };
  close(): Promise<void>;
};

export type MediaLogger = { info(...args: unknown[]): void; warn(...args: unknown[]): void; error(...args: unknown[]): void };

export type MediaServerOptions = {
  secretKey: string;
  iceServers?: IceServer[];
  ice?: IceOptions;
  now?: () => Date;
  onEvent: (event: MediaServerEvent) => void;
  logger?: MediaLogger;
  /** A connected peer that sends nothing at all (not even RTCP) for this long has failed. */
  silenceTimeoutMs?: number;
  /** A peer not connected this long after its join has failed. */
  connectTimeoutMs?: number;
  /** No provider packet forwarded to the customer for this long is a stall: the clock pauses. */
  stallMs?: number;
};

/** Longer than any join token lives, so a closed room stays closed for every token issued for it. */
const ROOM_MEMORY_MS = 15 * 60_000;
const SEND_ERROR_LOG_INTERVAL_MS = 10_000;
// Long enough to ride out a short network hiccup, short enough that a closed tab is not billed
// for the 30 s ICE consent would take.
const DEFAULT_SILENCE_TIMEOUT_MS = 10_000;
// Non-trickle ICE is done within seconds; the slack is for a TURN allocation on a slow network.
const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
// SPEC 19's "a stall of more than about 2 s pauses the clock": longer than any keyframe wait.
const DEFAULT_STALL_MS = 2_000;
const MEDIA_REPORT_MS = 1_000;

const silentLogger: MediaLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export function createMediaServer(options: MediaServerOptions): MediaServer {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const peerConfig = createPeerConfig({ iceServers: options.iceServers ?? [], ice: options.ice ?? {} });
  const rooms = new Map<string, Room>();
  const closedRooms = new Map<string, number>();
  let serverClosed = false;
  let lastSendErrorLogAt = Number.NEGATIVE_INFINITY;

  const emit = (event: MediaServerEvent) => {
    try {
      options.onEvent(event);
    } catch (error) {
      logger.error({ err: error, event }, "a media event handler threw");
    }
  };

  const counters: ForwardingCounters = {
    forwardedPackets: 0,
    ownPathPackets: 0,
    confirmProviderMedia: (room, customer) => {
      if (room.closed || room.customer !== customer || customer.released) {
        room.providerMediaForwarded = false;
        return;
      }
      emit({ type: "provider-media-forwarded", roomId: room.id, at: now() });
    },
    dropProviderMediaConfirmation: (room) => {
      room.providerMediaForwarded = false;
    },
    reportSendError: (error) => {
      const at = performance.now();
      if (at - lastSendErrorLogAt < SEND_ERROR_LOG_INTERVAL_MS) return;
      lastSendErrorLogAt = at;
      logger.warn({ err: error }, "forwarding an RTP packet failed");
    },
  };

  const createHooks = (room: Room): PartyHooks => ({
    counters,
    onConnected: (party) => {
      if (party.released) return;
      party.connected = true;
      party.lastHeardAt = performance.now();
      logger.info({ roomId: room.id, role: party.role }, "media peer connected");
      emit({ type: "party-connected", roomId: room.id, role: party.role, at: now() });
      // A subscriber that arrives mid-stream cannot decode until the publisher's next keyframe.
      const publisher = getCounterpart(room, party);
      if (publisher) requestKeyframe(publisher);
    },
    onStopped: (party, reason) => stopParty(room, party, reason),
    onKeyframeRequest: (party) => {
      const publisher = getCounterpart(room, party);
      if (publisher) requestKeyframe(publisher);
    },
  });

  /** A peer that failed or closed by itself (not through this API) is a stop the domain must hear of. */
  function stopParty(room: Room, party: Party, reason: "closed" | "failed") {
    if (party.released) return;
    removeParty(room, party);
    void releaseParty(party, { notifyPeer: reason === "failed" });
    logger.info({ roomId: room.id, role: party.role, reason }, "media peer stopped");
    // A peer that went silent was last there when last heard, not when the silence was noticed.
    const heardAt = reason === "failed" ? party.lastHeardAt : performance.now();
    if (room.providerMediaForwarded) {
      room.providerMediaForwarded = false;
      emit({ type: "provider-media-stalled", roomId: room.id, at: wallOf(Math.min(heardAt, room.providerLastForwardAt)) });
    }
    emit({ type: "party-disconnected", roomId: room.id, role: party.role, reason, at: wallOf(heardAt) });
  }

  /** The wall-clock instant of a monotonic (performance.now) one. */
  function wallOf(monotonicAt: number): Date {
    return new Date(now().getTime() - Math.max(0, performance.now() - monotonicAt));
  }

  const stopMediaWatch = watchProviderMedia({
    rooms,
    stallMs: options.stallMs ?? DEFAULT_STALL_MS,
    reportMs: MEDIA_REPORT_MS,
    onSeen: (room, at, quality) => emit({ type: "provider-media-seen", roomId: room.id, at: wallOf(at), ...quality }),
    onStalled: (room, at) => emit({ type: "provider-media-stalled", roomId: room.id, at: wallOf(at) }),
  });

  const stopSilenceWatch = watchSilence({
    rooms,
    silenceTimeoutMs: options.silenceTimeoutMs ?? DEFAULT_SILENCE_TIMEOUT_MS,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    onSilent: (room, party) => stopParty(room, party, "failed"),
  });

  function removeParty(room: Room, party: Party) {
    if (getParty(room, party.role) === party) setParty(room, party.role, undefined);
    if (countParties(room) === 0) room.emptySince = performance.now();
  }

  function forgetOldRooms() {
    const cutoff = performance.now() - ROOM_MEMORY_MS;
    for (const [roomId, closedAt] of closedRooms) if (closedAt < cutoff) closedRooms.delete(roomId);
    for (const [roomId, room] of rooms) if (room.emptySince !== undefined && room.emptySince < cutoff) rooms.delete(roomId);
  }

  function assertOpen(roomId: string) {
    if (serverClosed || closedRooms.has(roomId)) throw new MediaError("room_closed", "This media room is closed.");
  }

  function assertRoleFree(roomId: string, role: MediaRole, userId: string) {
    const room = rooms.get(roomId);
    const holder = room && getParty(room, role);
    if (holder && holder.userId !== userId) throw new MediaError("role_taken", `Another user is already the ${role} in this room.`);
  }

  return {
    async join({ token, offerSdp }) {
      const grant = verifyJoinToken({ secretKey: options.secretKey, token, now: now() });
      forgetOldRooms();
      assertOpen(grant.roomId);
      assertRoleFree(grant.roomId, grant.role, grant.userId);
      const peer = await answerOffer(peerConfig, offerSdp);
      try {
        // The room may have been closed, or the role taken, while the offer was being answered.
        assertOpen(grant.roomId);
        assertRoleFree(grant.roomId, grant.role, grant.userId);
      } catch (error) {
        await peer.pc.close().catch(() => undefined);
        throw error;
      }
      let room = rooms.get(grant.roomId);
      if (!room) {
        room = createRoom(grant.roomId);
        rooms.set(room.id, room);
      }
      const replaced = getParty(room, grant.role);
      const party = createParty({ role: grant.role, userId: grant.userId, peer });
      setParty(room, grant.role, party);
      room.emptySince = undefined;
      attachParty(room, party, peer, createHooks(room));
      // The same user joining again (a reload, a second tab) takes over; the old peer is not a stop.
      if (replaced) void releaseParty(replaced, { notifyPeer: true });
      logger.info({ roomId: room.id, role: grant.role, replaced: Boolean(replaced) }, "media peer joined");
      return { answerSdp: peer.answerSdp };
    },

    async leave(roomId, role) {
      const room = rooms.get(roomId);
      const party = room && getParty(room, role);
      if (!room || !party) return;
      removeParty(room, party);
      await releaseParty(party, { notifyPeer: true });
    },

    async closeRoom(roomId) {
      closedRooms.set(roomId, performance.now());
      const room = rooms.get(roomId);
      if (!room) return;
      room.closed = true;
      rooms.delete(roomId);
      const parties = [room.provider, room.customer].filter((party) => party !== undefined);
      room.provider = undefined;
      room.customer = undefined;
      await Promise.all([...parties.map((party) => releaseParty(party, { notifyPeer: true })), finishRecording(room, now, emit)]);
    },

    async startRecording(roomId, { directory }) {
      const room = rooms.get(roomId);
      if (!room || room.closed) throw new MediaError("room_closed", "This media room is not open.");
      await startRoomRecording(room, () => createRoomRecording({ roomId, directory, now: () => now().getTime() }), directory);
    },

    async stopRecording(roomId) {
      const room = rooms.get(roomId);
      const recording = room?.recording;
      if (!room || !recording) return [];
      room.recording = undefined;
      return recording.stop();
    },

    stats() {
      let activeRooms = 0;
      let peers = 0;
      for (const room of rooms.values()) {
        const count = countParties(room);
        peers += count;
        if (count > 0) activeRooms++;
      }
      return { rooms: activeRooms, peers, forwardedPackets: counters.forwardedPackets, ownPathPackets: counters.ownPathPackets };
    },

    async close() {
      serverClosed = true;
      stopSilenceWatch();
      stopMediaWatch();
      const parties = [...rooms.values()].flatMap((room) => {
        room.closed = true;
        return [room.provider, room.customer].filter((party) => party !== undefined);
      });
      const recorded = [...rooms.values()];
      rooms.clear();
      await Promise.all([...parties.map((party) => releaseParty(party, { notifyPeer: true })), ...recorded.map((room) => finishRecording(room, now, emit))]);
    },
  };
}
