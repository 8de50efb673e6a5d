// A UDP relay of our own between one WebRTC peer and the SFU on loopback, standing in for a bad
// network (these machines have no netem): it delays each packet, drops a given share of them and
// cuts the path on command. Both sides' ICE candidates are rewritten to point at the relay, so
// every packet between the two crosses it.
import dgram from "node:dgram";

export type UdpRelay = {
  /** Rewrites the peer's offer: the SFU will send to the relay's SFU-facing socket. */
  rewriteOffer(sdp: string): string;
  /** Rewrites the SFU's answer: the peer will send to the relay's peer-facing socket. */
  rewriteAnswer(sdp: string): string;
  cut(): void;
  restore(): void;
  set(settings: { lossRate?: number; oneWayDelayMs?: number }): void;
  stats(): { forwarded: number; dropped: number };
  close(): Promise<void>;
};

type Address = { address: string; port: number };

export async function createUdpRelay(settings: { lossRate?: number; oneWayDelayMs?: number } = {}): Promise<UdpRelay> {
  let lossRate = settings.lossRate ?? 0;
  let delayMs = settings.oneWayDelayMs ?? 0;
  let cut = false;
  let closed = false;
  let forwarded = 0;
  let dropped = 0;
  let peer: Address | undefined;
  let sfu: Address | undefined;
  const towardPeer = dgram.createSocket("udp4");
  const towardSfu = dgram.createSocket("udp4");
  await Promise.all([towardPeer, towardSfu].map((socket) => new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve))));

  const pass = (socket: dgram.Socket, message: Buffer, to: Address | undefined) => {
    if (!to) return;
    if (cut || Math.random() < lossRate) {
      dropped++;
      return;
    }
    forwarded++;
    const send = () => {
      // A packet still delayed when the relay closes is dropped, as the path is gone.
      if (!closed) socket.send(message, to.port, to.address);
    };
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  };
  // From the peer to the SFU leaves through the SFU-facing socket, so the SFU sees the relay's
  // address, the one written into the offer; and the other way round.
  towardPeer.on("message", (message) => pass(towardSfu, message, sfu));
  towardSfu.on("message", (message) => pass(towardPeer, message, peer));

  const rewrite = (sdp: string, relayPort: number, remember: (address: Address) => void) => {
    const lines = sdp.split(/\r?\n/);
    const out: string[] = [];
    for (const line of lines) {
      const match = /^a=candidate:(\S+) (\d+) udp (\d+) (\S+) (\d+) typ host/i.exec(line);
      if (line.startsWith("a=candidate:")) {
        // Only one IPv4 loopback host candidate survives, pointing at the relay.
        if (!match || match[4] !== "127.0.0.1" || match[2] !== "1") continue;
        remember({ address: match[4], port: Number(match[5]) });
        out.push(line.replace(` ${match[4]} ${match[5]} typ host`, ` 127.0.0.1 ${relayPort} typ host`));
        continue;
      }
      out.push(line);
    }
    return out.join("\r\n");
  };

  return {
    rewriteOffer: (sdp) => rewrite(sdp, (towardSfu.address() as Address).port, (address) => (peer ??= address)),
    rewriteAnswer: (sdp) => rewrite(sdp, (towardPeer.address() as Address).port, (address) => (sfu ??= address)),
    cut: () => {
      cut = true;
    },
    restore: () => {
      cut = false;
    },
    set: (next) => {
      lossRate = next.lossRate ?? lossRate;
      delayMs = next.oneWayDelayMs ?? delayMs;
    },
    stats: () => ({ forwarded, dropped }),
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([towardPeer, towardSfu].map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))));
    },
  };
}
