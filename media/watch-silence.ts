import type { Party, Room } from "./room-state.ts";

const CHECK_INTERVAL_MS = 1_000;

/**
 * Notices peers that are gone without saying so. A browser whose tab is closed or whose network
 * is lost sends no DTLS close_notify, and werift would notice only when ICE consent expires
 * after 30 s, all of it billed. A browser in a call sends RTCP about once a second even with
 * camera and microphone off, so a connected peer silent for `silenceTimeoutMs` has gone. A peer
 * that never connects (the answer never applied, UDP blocked) would otherwise be kept forever.
 */
export function watchSilence(input: {
  rooms: Map<string, Room>;
  silenceTimeoutMs: number;
  connectTimeoutMs: number;
  onSilent: (room: Room, party: Party) => void;
}): () => void {
  const check = () => {
    const now = performance.now();
    for (const room of input.rooms.values()) {
      for (const party of [room.provider, room.customer]) {
        if (party === undefined || party.released) continue;
        if (!party.connected) {
          if (now - party.lastHeardAt >= input.connectTimeoutMs) input.onSilent(room, party);
          continue;
        }
        const received = party.transport.packetsReceived;
        if (received !== party.packetsReceivedSeen) {
          party.packetsReceivedSeen = received;
          party.lastHeardAt = now;
        } else if (now - party.lastHeardAt >= input.silenceTimeoutMs) {
          input.onSilent(room, party);
        }
      }
    }
  };
  const timer = setInterval(check, Math.min(CHECK_INTERVAL_MS, input.silenceTimeoutMs, input.connectTimeoutMs));
  timer.unref();
  return () => clearInterval(timer);
}
