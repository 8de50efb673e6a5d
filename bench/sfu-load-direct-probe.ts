// A loopback probe beside the SFU load generator's traffic.
import { createSocket } from "node:dgram";

/**
 * The same path without the SFU: a video-sized packet from one loopback socket to another of this
 * process, through the same event loop. Its latency is the floor that machine load and the
 * generator itself put under every measured packet.
 */
export function startDirectProbe(onLatencyMicros: (micros: number) => void) {
  const from = createSocket("udp4");
  const to = createSocket("udp4");
  const packet = Buffer.alloc(1_100);
  let bound = false;
  to.bind(0, "127.0.0.1", () => {
    from.bind(0, "127.0.0.1", () => (bound = true));
  });
  to.on("message", (data) => {
    onLatencyMicros((performance.now() - data.readDoubleBE(0)) * 1_000);
  });
  const probe = {
    lastSentAt: Number.NEGATIVE_INFINITY,
    send(elapsed: number) {
      probe.lastSentAt = elapsed;
      if (!bound) return;
      packet.writeDoubleBE(performance.now(), 0);
      from.send(packet, to.address().port, "127.0.0.1");
    },
    close() {
      from.close();
      to.close();
    },
  };
  return probe;
}
