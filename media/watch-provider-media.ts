import type { Room } from "./room-state.ts";
import { dropPendingFreeze, sampleQuality, takeQualityReport } from "./sample-quality.ts";

const CHECK_INTERVAL_MS = 250;
// A receiving browser sends RTCP receiver reports about once a second (werift every 0.5–1.5 s):
// a customer unheard for this much longer than a stall has lost its path to the SFU.
const CUSTOMER_SILENCE_EXTRA_MS = 1_000;

/**
 * Watches the provider's media reaching the customer in every room (SPEC 19). While it flows,
 * its progress is reported about once per `reportMs` (the evidence a block is charged on); it
 * is reported stalled, at the last instant it is known to have reached the customer, when no
 * provider packet has been forwarded for `stallMs`, or when the customer has not been heard
 * (no RTCP: the path to it is cut, though the SFU still sends) for a second longer. The next
 * packet forwarded to a customer heard again reports it flowing again.
 */
export function watchProviderMedia(input: {
  rooms: Map<string, Room>;
  stallMs: number;
  reportMs: number;
  /** `quality`: the clock-running time since the last report and how much of it was impaired. */
  onSeen: (room: Room, monotonicAt: number, quality: { observedMs: number; impairedMs: number }) => void;
  onStalled: (room: Room, monotonicAt: number) => void;
}): () => void {
  const customerSilenceMs = input.stallMs + CUSTOMER_SILENCE_EXTRA_MS;
  let lastCheckAt = performance.now();
  const check = () => {
    const now = performance.now();
    // A blocked event loop must not count its whole delay as one sample.
    const tickMs = Math.min(now - lastCheckAt, CHECK_INTERVAL_MS * 4);
    lastCheckAt = now;
    for (const room of input.rooms.values()) {
      const customer = room.customer;
      if (customer?.connected && !customer.released) {
        // The same bookkeeping as the silence watch, four times as often.
        const received = customer.transport.packetsReceived;
        if (received !== customer.packetsReceivedSeen) {
          customer.packetsReceivedSeen = received;
          customer.lastHeardAt = now;
        }
      }
      const customerHeard = customer?.lastHeardAt ?? Number.NEGATIVE_INFINITY;
      if (room.customerSilent) {
        if (now - customerHeard < CHECK_INTERVAL_MS * 2) room.customerSilent = false;
        continue;
      }
      if (!room.providerMediaForwarded || room.closed) continue;
      const last = room.providerLastForwardAt;
      if (now - last > input.stallMs) {
        room.providerMediaForwarded = false;
        dropPendingFreeze(room);
        input.onStalled(room, last);
        continue;
      }
      if (now - customerHeard > customerSilenceMs) {
        room.providerMediaForwarded = false;
        room.customerSilent = true;
        dropPendingFreeze(room);
        input.onStalled(room, Math.min(last, customerHeard));
        continue;
      }
      if (customer) sampleQuality(room, customer, now, tickMs);
      const seen = Math.min(last, customerHeard);
      if (seen - room.providerLastReportedAt >= input.reportMs) {
        room.providerLastReportedAt = seen;
        input.onSeen(room, seen, takeQualityReport(room));
      }
    }
  };
  const timer = setInterval(check, CHECK_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
