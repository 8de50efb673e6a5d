import { createCipheriv, createDecipheriv, type KeyObject } from "node:crypto";
import type { RTCDtlsTransport } from "werift";

/** The one SRTP protection profile the fast path handles: AEAD_AES_128_GCM (RFC 7714), werift's and browsers' first choice. */
const PROFILE_AEAD_AES_128_GCM = 7;
const AUTH_TAG_LENGTH = 16;
const IV_LENGTH = 12;

/** werift's rollover state of one SSRC (RFC 3711 §3.3.1), shared with werift's own path so both agree on the packet index. */
type SsrcState = { rolloverCounter: number; lastSequenceNumber: number; rolloverHasProcessed?: boolean };

// The werift internals read below, typed here and checked by `readSrtpGcm`, so that a werift
// upgrade that moves them leaves forwarding on werift's own (slower) path instead of crashing.
type ContextInternals = {
  profile: number;
  cipher?: { srtpSessionKey?: unknown; srtpSessionSalt?: unknown };
  srtpSSRCStates: Record<number, SsrcState | undefined>;
  getSrtpSsrcState(ssrc: number): SsrcState;
  updateRolloverCount(sequenceNumber: number, state: SsrcState): void;
};

/** One direction of a transport's SRTP (RTP only; RTCP stays with werift). */
export type SrtpGcm = {
  readonly key: KeyObject | Buffer;
  readonly salt: Buffer;
  readonly context: ContextInternals;
  /** Written per packet; Node copies an IV when it makes a cipher, so one buffer serves them all. */
  readonly iv: Buffer;
  /** The rollover state a packet is tried with, committed only once the packet authenticates. */
  readonly trial: SsrcState;
};

/**
 * The keys and rollover state werift derived for one direction of a connected transport, when it
 * negotiated AES-GCM and its internals are where this expects them; otherwise undefined.
 */
export function readSrtpGcm(transport: RTCDtlsTransport, direction: "remote" | "local"): SrtpGcm | undefined {
  const session = (transport as unknown as { srtp?: { localContext?: unknown; remoteContext?: unknown } }).srtp;
  const context = (direction === "remote" ? session?.remoteContext : session?.localContext) as Partial<ContextInternals> | undefined;
  if (
    context?.profile !== PROFILE_AEAD_AES_128_GCM ||
    typeof context.updateRolloverCount !== "function" ||
    typeof context.getSrtpSsrcState !== "function" ||
    typeof context.srtpSSRCStates !== "object"
  ) {
    return undefined;
  }
  const key = context.cipher?.srtpSessionKey;
  const salt = context.cipher?.srtpSessionSalt;
  const keyUsable = Buffer.isBuffer(key) ? key.length === 16 : isSecretKey(key) && key.symmetricKeySize === 16;
  if (!keyUsable || !Buffer.isBuffer(salt) || salt.length < IV_LENGTH) return undefined;
  return {
    key: key as KeyObject | Buffer,
    salt: Buffer.from(salt.subarray(0, IV_LENGTH)),
    context: context as ContextInternals,
    iv: Buffer.alloc(IV_LENGTH),
    trial: { rolloverCounter: 0, lastSequenceNumber: 0 },
  };
}

function isSecretKey(key: unknown): key is KeyObject {
  return typeof key === "object" && key !== null && (key as KeyObject).type === "secret";
}

/**
 * Decrypts one SRTP packet whose RTP header is `headerLength` bytes, and answers its payload (a
 * new buffer), or undefined when it does not authenticate (a forgery, a replay from another
 * session, or a packet werift has not seen the stream of). The SSRC's rollover state moves only
 * for a packet that authenticates, as werift's own path does.
 */
export function decryptSrtp(srtp: SrtpGcm, packet: Buffer, headerLength: number, ssrc: number, sequenceNumber: number): Buffer | undefined {
  const state = srtp.context.srtpSSRCStates[ssrc];
  if (state === undefined) return undefined;
  const trial = srtp.trial;
  trial.rolloverCounter = state.rolloverCounter;
  trial.lastSequenceNumber = state.lastSequenceNumber;
  trial.rolloverHasProcessed = state.rolloverHasProcessed;
  srtp.context.updateRolloverCount(sequenceNumber, trial);
  writeIv(srtp, ssrc, trial.rolloverCounter, sequenceNumber);
  const tagAt = packet.length - AUTH_TAG_LENGTH;
  const decipher = createDecipheriv("aes-128-gcm", srtp.key, srtp.iv, { authTagLength: AUTH_TAG_LENGTH });
  decipher.setAAD(packet.subarray(0, headerLength));
  decipher.setAuthTag(packet.subarray(tagAt));
  const payload = decipher.update(packet.subarray(headerLength, tagAt));
  try {
    decipher.final();
  } catch {
    return undefined;
  }
  state.rolloverCounter = trial.rolloverCounter;
  state.lastSequenceNumber = trial.lastSequenceNumber;
  state.rolloverHasProcessed = trial.rolloverHasProcessed;
  return payload;
}

/** The rollover counter to send the next packet of `ssrc` with (advancing werift's state for it). */
export function nextRolloverCounter(srtp: SrtpGcm, ssrc: number, sequenceNumber: number): number {
  const state = srtp.context.getSrtpSsrcState(ssrc);
  srtp.context.updateRolloverCount(sequenceNumber, state);
  return state.rolloverCounter;
}

/** Encrypts one RTP packet; send `[header, encrypted, tag]` as one datagram. */
export function encryptSrtp(
  srtp: SrtpGcm,
  header: Buffer,
  payload: Buffer,
  ssrc: number,
  rolloverCounter: number,
  sequenceNumber: number,
): { encrypted: Buffer; tag: Buffer } {
  writeIv(srtp, ssrc, rolloverCounter, sequenceNumber);
  const cipher = createCipheriv("aes-128-gcm", srtp.key, srtp.iv, { authTagLength: AUTH_TAG_LENGTH });
  cipher.setAAD(header);
  const encrypted = cipher.update(payload);
  cipher.final();
  return { encrypted, tag: cipher.getAuthTag() };
}

/** RFC 7714 §8.1: 00 00 ‖ SSRC ‖ ROC ‖ SEQ, XOR the session salt. */
function writeIv(srtp: SrtpGcm, ssrc: number, rolloverCounter: number, sequenceNumber: number) {
  const { iv, salt } = srtp;
  iv.writeUInt16BE(0, 0);
  iv.writeUInt32BE(ssrc >>> 0, 2);
  iv.writeUInt32BE(rolloverCounter >>> 0, 6);
  iv.writeUInt16BE(sequenceNumber, 10);
  for (let i = 0; i < IV_LENGTH; i++) iv[i] = iv[i]! ^ salt[i]!;
}
