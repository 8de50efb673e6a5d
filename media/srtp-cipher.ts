import { createCipheriv, createDecipheriv, createHmac, type KeyObject, timingSafeEqual } from "node:crypto";
import type { RTCDtlsTransport } from "werift";
import { type NativeSrtp, type NativeSrtpContext, nativeSrtp } from "./native-srtp.ts";

/** The two SRTP protection profiles werift and browsers negotiate (RFC 5764 §4.1.2, RFC 7714 §14.2). */
const PROFILE_AES128_CM_HMAC_SHA1_80 = 1;
const PROFILE_AEAD_AES_128_GCM = 7;
const GCM_TAG_LENGTH = 16;
const GCM_IV_LENGTH = 12;
const CM_TAG_LENGTH = 10;
const CM_IV_LENGTH = 16;
const CM_SALT_LENGTH = 14;
/** The native module's numbers for the two profiles. */
const NATIVE_GCM = 1;
const NATIVE_CM = 2;

/** werift's rollover state of one SSRC (RFC 3711 §3.3.1), shared with werift's own path so both agree on the packet index. */
export type SsrcState = { rolloverCounter: number; lastSequenceNumber: number; rolloverHasProcessed?: boolean };

// The werift internals read below, typed here and checked by `readSrtpCipher`, so that a werift
// upgrade that moves them leaves forwarding on werift's own (slower) path instead of crashing.
type ContextInternals = {
  profile: number;
  cipher?: { srtpSessionKey?: unknown; srtpSessionSalt?: unknown; srtpSessionAuthTag?: unknown };
  srtpSSRCStates: Record<number, SsrcState | undefined>;
  getSrtpSsrcState(ssrc: number): SsrcState;
  updateRolloverCount(sequenceNumber: number, state: SsrcState): void;
};

/** One direction of a transport's SRTP (RTP only; RTCP stays with werift). */
export type SrtpCipher = {
  readonly profile: "gcm" | "cm";
  /** Bytes of authentication tag at the end of each packet. */
  readonly tagLength: number;
  readonly key: KeyObject | Buffer;
  readonly salt: Buffer;
  /** AES-CM's HMAC-SHA1 key. */
  readonly authKey: KeyObject | Buffer | undefined;
  readonly context: ContextInternals;
  /** Written per packet; Node copies an IV when it makes a cipher and the native module reads it within the call, so one buffer serves them all. */
  readonly iv: Buffer;
  /** AES-CM's rollover counter, as authenticated after the packet (RFC 3711 §4.2). */
  readonly rolloverBytes: Buffer;
  /** The rollover state a packet is tried with, committed only once the packet authenticates. */
  readonly trial: SsrcState;
  /** The native module's contexts for these keys, when it is built (media/native-srtp.ts). */
  readonly native: { readonly module: NativeSrtp; readonly context: NativeSrtpContext } | undefined;
};

/**
 * The keys and rollover state werift derived for one direction of a connected transport, when it
 * negotiated AES-GCM or AES-CM with HMAC-SHA1-80 and its internals are where this expects them;
 * otherwise undefined.
 */
export function readSrtpCipher(transport: RTCDtlsTransport, direction: "remote" | "local"): SrtpCipher | undefined {
  const session = (transport as unknown as { srtp?: { localContext?: unknown; remoteContext?: unknown } }).srtp;
  const context = (direction === "remote" ? session?.remoteContext : session?.localContext) as Partial<ContextInternals> | undefined;
  if (
    context === undefined ||
    typeof context.updateRolloverCount !== "function" ||
    typeof context.getSrtpSsrcState !== "function" ||
    typeof context.srtpSSRCStates !== "object"
  ) {
    return undefined;
  }
  const key = context.cipher?.srtpSessionKey;
  const salt = context.cipher?.srtpSessionSalt;
  if (!isKey(key, 16) || !Buffer.isBuffer(salt)) return undefined;
  const shared = {
    key,
    context: context as ContextInternals,
    rolloverBytes: Buffer.alloc(4),
    trial: { rolloverCounter: 0, lastSequenceNumber: 0 },
  };
  if (context.profile === PROFILE_AEAD_AES_128_GCM && salt.length >= GCM_IV_LENGTH) {
    const gcmSalt = Buffer.from(salt.subarray(0, GCM_IV_LENGTH));
    const native = createNativeContext(NATIVE_GCM, key, undefined);
    return { ...shared, profile: "gcm", tagLength: GCM_TAG_LENGTH, salt: gcmSalt, authKey: undefined, iv: Buffer.alloc(GCM_IV_LENGTH), native };
  }
  const authKey = context.cipher?.srtpSessionAuthTag;
  if (context.profile === PROFILE_AES128_CM_HMAC_SHA1_80 && salt.length === CM_SALT_LENGTH && isKey(authKey, 20)) {
    const native = createNativeContext(NATIVE_CM, key, authKey);
    return { ...shared, profile: "cm", tagLength: CM_TAG_LENGTH, salt: Buffer.from(salt), authKey, iv: Buffer.alloc(CM_IV_LENGTH), native };
  }
  return undefined;
}

/** The native module's contexts for a transport's keys, or undefined (node:crypto's path) without it. */
function createNativeContext(profile: 1 | 2, key: KeyObject | Buffer, authKey: KeyObject | Buffer | undefined): SrtpCipher["native"] {
  if (nativeSrtp === undefined) return undefined;
  try {
    return { module: nativeSrtp, context: nativeSrtp.createContext(profile, rawKey(key), authKey === undefined ? undefined : rawKey(authKey)) };
  } catch {
    return undefined;
  }
}

function rawKey(key: KeyObject | Buffer): Buffer {
  return Buffer.isBuffer(key) ? key : key.export();
}

function isKey(key: unknown, size: number): key is KeyObject | Buffer {
  if (Buffer.isBuffer(key)) return key.length === size;
  return typeof key === "object" && key !== null && (key as KeyObject).type === "secret" && (key as KeyObject).symmetricKeySize === size;
}

/**
 * werift's rollover state of a received stream, once werift has decrypted its first packet. Kept
 * by the caller per stream: SSRCs are mostly beyond V8's small integers, so each lookup by SSRC
 * would turn the number into a string key.
 */
export function readReceivedStreamState(srtp: SrtpCipher, ssrc: number): SsrcState | undefined {
  return srtp.context.srtpSSRCStates[ssrc];
}

/** werift's rollover state of a sent stream (made if werift has not sent on it yet); kept by the caller. */
export function readSentStreamState(srtp: SrtpCipher, ssrc: number): SsrcState {
  return srtp.context.getSrtpSsrcState(ssrc);
}

/**
 * Decrypts one SRTP packet whose RTP header is `headerLength` bytes, and answers its payload (a
 * new buffer), or undefined when it does not authenticate (a forgery, or a replay from another
 * session). The stream's rollover `state` moves only for a packet that authenticates, as on
 * werift's own path.
 */
export function decryptSrtp(srtp: SrtpCipher, packet: Buffer, headerLength: number, ssrc: number, sequenceNumber: number, state: SsrcState): Buffer | undefined {
  const trial = srtp.trial;
  trial.rolloverCounter = state.rolloverCounter;
  trial.lastSequenceNumber = state.lastSequenceNumber;
  trial.rolloverHasProcessed = state.rolloverHasProcessed;
  srtp.context.updateRolloverCount(sequenceNumber, trial);
  const tagAt = packet.length - srtp.tagLength;
  const payload = srtp.profile === "gcm" ? decryptGcm(srtp, packet, headerLength, tagAt, ssrc, sequenceNumber) : decryptCm(srtp, packet, headerLength, tagAt, ssrc, sequenceNumber);
  if (payload === undefined) return undefined;
  state.rolloverCounter = trial.rolloverCounter;
  state.lastSequenceNumber = trial.lastSequenceNumber;
  state.rolloverHasProcessed = trial.rolloverHasProcessed;
  return payload;
}

function decryptGcm(srtp: SrtpCipher, packet: Buffer, headerLength: number, tagAt: number, ssrc: number, sequenceNumber: number): Buffer | undefined {
  writeGcmIv(srtp, ssrc, srtp.trial.rolloverCounter, sequenceNumber);
  if (srtp.native !== undefined) return openNatively(srtp.native, srtp.iv, packet, headerLength, tagAt, 0);
  const decipher = createDecipheriv("aes-128-gcm", srtp.key, srtp.iv, { authTagLength: GCM_TAG_LENGTH });
  decipher.setAAD(packet.subarray(0, headerLength));
  decipher.setAuthTag(packet.subarray(tagAt));
  const payload = decipher.update(packet.subarray(headerLength, tagAt));
  try {
    decipher.final();
  } catch {
    return undefined;
  }
  return payload;
}

function decryptCm(srtp: SrtpCipher, packet: Buffer, headerLength: number, tagAt: number, ssrc: number, sequenceNumber: number): Buffer | undefined {
  const rolloverCounter = srtp.trial.rolloverCounter;
  writeCmIv(srtp, ssrc, rolloverCounter, sequenceNumber);
  if (srtp.native !== undefined) return openNatively(srtp.native, srtp.iv, packet, headerLength, tagAt, rolloverCounter);
  const expected = cmAuthTag(srtp, packet.subarray(0, tagAt), undefined, rolloverCounter);
  if (!timingSafeEqual(expected.subarray(0, CM_TAG_LENGTH), packet.subarray(tagAt))) return undefined;
  return createDecipheriv("aes-128-ctr", srtp.key, srtp.iv).update(packet.subarray(headerLength, tagAt));
}

function openNatively(native: NonNullable<SrtpCipher["native"]>, iv: Buffer, packet: Buffer, headerLength: number, tagAt: number, rolloverCounter: number): Buffer | undefined {
  // Uninitialised is safe: `open` writes every byte, or the packet is dropped with it.
  const payload = Buffer.allocUnsafe(tagAt - headerLength);
  return native.module.open(native.context, iv, packet, headerLength, rolloverCounter >>> 0, payload) === payload.length ? payload : undefined;
}

/** The rollover counter to send the next packet of a stream with (advancing werift's `state` for it). */
export function nextRolloverCounter(srtp: SrtpCipher, state: SsrcState, sequenceNumber: number): number {
  srtp.context.updateRolloverCount(sequenceNumber, state);
  return state.rolloverCounter;
}

/**
 * Encrypts one RTP packet and answers the datagram to send (header, encrypted payload, tag), or
 * undefined if OpenSSL refused (which the native module reports rather than throws).
 */
export function encryptSrtp(srtp: SrtpCipher, header: Buffer, payload: Buffer, ssrc: number, rolloverCounter: number, sequenceNumber: number): Buffer | undefined {
  if (srtp.profile === "gcm") writeGcmIv(srtp, ssrc, rolloverCounter, sequenceNumber);
  else writeCmIv(srtp, ssrc, rolloverCounter, sequenceNumber);
  const length = header.length + payload.length + srtp.tagLength;
  if (srtp.native !== undefined) {
    // A buffer per datagram, never reused: dgram may hold it until the kernel has taken it.
    const datagram = Buffer.allocUnsafe(length);
    return srtp.native.module.seal(srtp.native.context, srtp.iv, header, payload, rolloverCounter >>> 0, datagram) === length ? datagram : undefined;
  }
  if (srtp.profile === "gcm") {
    const cipher = createCipheriv("aes-128-gcm", srtp.key, srtp.iv, { authTagLength: GCM_TAG_LENGTH });
    cipher.setAAD(header);
    const encrypted = cipher.update(payload);
    cipher.final();
    return Buffer.concat([header, encrypted, cipher.getAuthTag()], length);
  }
  const encrypted = createCipheriv("aes-128-ctr", srtp.key, srtp.iv).update(payload);
  return Buffer.concat([header, encrypted, cmAuthTag(srtp, header, encrypted, rolloverCounter).subarray(0, CM_TAG_LENGTH)], length);
}

/** RFC 3711 §4.2: HMAC-SHA1 over the packet (header and encrypted payload) and the rollover counter. */
function cmAuthTag(srtp: SrtpCipher, first: Buffer, second: Buffer | undefined, rolloverCounter: number): Buffer {
  const hmac = createHmac("sha1", srtp.authKey!);
  hmac.update(first);
  if (second !== undefined) hmac.update(second);
  srtp.rolloverBytes.writeUInt32BE(rolloverCounter >>> 0, 0);
  return hmac.update(srtp.rolloverBytes).digest();
}

/** RFC 7714 §8.1: 00 00 ‖ SSRC ‖ ROC ‖ SEQ, XOR the session salt. */
function writeGcmIv(srtp: SrtpCipher, ssrc: number, rolloverCounter: number, sequenceNumber: number) {
  const { iv, salt } = srtp;
  iv.writeUInt16BE(0, 0);
  iv.writeUInt32BE(ssrc >>> 0, 2);
  iv.writeUInt32BE(rolloverCounter >>> 0, 6);
  iv.writeUInt16BE(sequenceNumber, 10);
  for (let i = 0; i < GCM_IV_LENGTH; i++) iv[i] = iv[i]! ^ salt[i]!;
}

/** RFC 3711 §4.1.1: the session salt ‖ 00 00, XOR the SSRC at byte 4 and the 48-bit index at byte 8. */
function writeCmIv(srtp: SrtpCipher, ssrc: number, rolloverCounter: number, sequenceNumber: number) {
  const { iv, salt } = srtp;
  iv.writeUInt32BE(0, 0);
  iv.writeUInt32BE(ssrc >>> 0, 4);
  iv.writeUInt32BE(rolloverCounter >>> 0, 8);
  iv.writeUInt16BE(sequenceNumber, 12);
  iv.writeUInt16BE(0, 14);
  for (let i = 0; i < CM_SALT_LENGTH; i++) iv[i] = iv[i]! ^ salt[i]!;
}
