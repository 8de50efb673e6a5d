import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import proxyAddr from "proxy-addr";

/** TRUST_PROXY as configured: proxy addresses/CIDRs, a number of hops, or nobody. */
export type TrustProxy = string[] | number | undefined;

export type RequestSource = {
  /** The client's address: the TCP peer, or the X-Forwarded-For entry the trusted proxies vouch for. */
  clientAddress(req: IncomingMessage): string;
  /** "https" when the connection is TLS or a trusted proxy says the client used HTTPS. */
  protocol(req: IncomingMessage): "http" | "https";
  /** Whether a browser's Origin header names this site (the same rule for the API and the live connection). */
  isOwnOrigin(origin: string, req: IncomingMessage): boolean;
};

/**
 * Where a request came from, believing X-Forwarded-* only from trusted hops: a client can
 * write any X-Forwarded-For it likes, so without TRUST_PROXY the TCP peer is the client.
 * The HTTP API's rate limits and the Socket.IO handshake both ask this one function.
 */
export function createRequestSource(trustProxy: TrustProxy, publicUrl: string | undefined): RequestSource {
  const trust: (address: string, hop: number) => boolean =
    trustProxy === undefined
      ? () => false
      : typeof trustProxy === "number"
        ? (_address, hop) => hop < trustProxy
        : proxyAddr.compile(trustProxy);
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : undefined;

  const peerIsTrusted = (req: IncomingMessage) => {
    const peer = req.socket.remoteAddress;
    return peer !== undefined && trust(peer, 0);
  };
  const protocol = (req: IncomingMessage): "http" | "https" => {
    if ((req.socket as TLSSocket).encrypted) return "https";
    if (!peerIsTrusted(req)) return "http";
    const forwarded = req.headers["x-forwarded-proto"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim().toLowerCase();
    return first === "https" ? "https" : "http";
  };
  return {
    clientAddress: (req) => (req.socket.remoteAddress ? proxyAddr(req, trust) : "unknown"),
    protocol,
    isOwnOrigin(origin, req) {
      if (publicOrigin !== undefined && origin === publicOrigin) return true;
      const host = req.headers.host;
      return host !== undefined && origin === `${protocol(req)}://${host}`;
    },
  };
}
