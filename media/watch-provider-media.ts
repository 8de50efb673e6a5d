import type { Room } from "./room-state.ts";

const CHECK_INTERVAL_MS = 250;

/**
 * Watches the provider's media reaching the customer in every room (SPEC 19). While it flows,
 * its progress is reported about once per `reportMs` (the evidence a block is charged on); when
 * no packet has been forwarded for `stallMs`, the flow is reported stalled at the last packet,
 * so the domain pauses the clock there, and the next packet forwarded reports it flowing again.
 * `heardAt` says until when the customer is known to be there (its RTCP), so the evidence
 * never runs ahead of a customer who may have vanished.
 */
export function watchProviderMedia(input: {
  rooms: Map<string, Room>;
  stallMs: number;
  reportMs: number;
  onSeen: (room: Room, monotonicAt: number) => void;
  onStalled: (room: Room, monotonicAt: number) => void;
}): () => void {
  const check = () => {
    const now = performance.now();
    for (const room of input.rooms.values()) {
      if (!room.providerMediaForwarded || room.closed) continue;
      const last = room.providerLastForwardAt;
      if (now - last > input.stallMs) {
        room.providerMediaForwarded = false;
        input.onStalled(room, last);
        continue;
      }
      const customerHeard = room.customer?.lastHeardAt ?? Number.NEGATIVE_INFINITY;
      const seen = Math.min(last, customerHeard);
      if (seen - room.providerLastReportedAt >= input.reportMs) {
        room.providerLastReportedAt = seen;
        input.onSeen(room, seen);
      }
    }
  };
  const timer = setInterval(check, CHECK_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
