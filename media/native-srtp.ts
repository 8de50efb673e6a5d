import { createRequire } from "node:module";

declare const nativeContext: unique symbol;
/** The OpenSSL contexts of one direction's SRTP keys, freed with the object. */
export type NativeSrtpContext = { readonly [nativeContext]: true };

/** media/native/srtp.c: SRTP per packet with contexts made once per key. */
export type NativeSrtp = {
  /** Profile 1 is AEAD_AES_128_GCM, 2 is AES_CM_128_HMAC_SHA1_80 (which needs `authKey`). */
  createContext(profile: 1 | 2, key: Buffer, authKey?: Buffer): NativeSrtpContext;
  /** Writes the packet's decrypted payload to `out` and answers its length, or -1 if it does not authenticate. */
  open(context: NativeSrtpContext, iv: Buffer, packet: Buffer, headerLength: number, rolloverCounter: number, out: Buffer): number;
  /** Writes the datagram (header, encrypted payload, tag) to `out` and answers its length, or -1. */
  seal(context: NativeSrtpContext, iv: Buffer, header: Buffer, payload: Buffer, rolloverCounter: number, out: Buffer): number;
};

/**
 * The native SRTP module if `npm install` could build it (media/native/build.mjs), otherwise
 * undefined, and the SFU keeps node:crypto's path.
 */
export const nativeSrtp: NativeSrtp | undefined = loadNativeSrtp();

function loadNativeSrtp(): NativeSrtp | undefined {
  try {
    const loaded = createRequire(import.meta.url)("./native/build/srtp.node") as Partial<NativeSrtp>;
    const complete = typeof loaded.createContext === "function" && typeof loaded.open === "function" && typeof loaded.seal === "function";
    return complete ? (loaded as NativeSrtp) : undefined;
  } catch {
    return undefined;
  }
}
