import { createSecretKey, type KeyObject } from "node:crypto";
import type { RTCDtlsTransport } from "werift";

// The werift internals touched below, typed here so that a werift upgrade that moves them makes
// this a no-op (slower, still correct) rather than a crash.
const KEY_FIELDS = ["srtpSessionKey", "srtcpSessionKey", "srtpSessionAuthTag", "srtcpSessionAuthTag"] as const;
type Cipher = Partial<Record<(typeof KEY_FIELDS)[number], unknown>>;
type Session = { localContext?: { cipher?: Cipher }; remoteContext?: { cipher?: Cipher } };

/**
 * werift creates a Node cipher (and, for AES-CM, an HMAC) for every SRTP packet from raw key
 * bytes, and Node then imports those bytes as a new key each time: about half of the cost of
 * each cipher. Handing werift's ciphers key objects made once per transport removes that import
 * from the per-packet path; Node's cipher and HMAC constructors take either form.
 */
export function cacheSrtpKeys(transport: RTCDtlsTransport): void {
  const { srtp, srtcp } = transport as unknown as { srtp?: Session; srtcp?: Session };
  for (const session of [srtp, srtcp]) {
    for (const cipher of [session?.localContext?.cipher, session?.remoteContext?.cipher]) {
      if (cipher === undefined) continue;
      for (const field of KEY_FIELDS) {
        const key = cipher[field];
        if (Buffer.isBuffer(key)) cipher[field] = createSecretKey(key) satisfies KeyObject;
      }
    }
  }
}
