// SRTP helpers of the SFU load generator: the keys werift derived, and reading the first payload
// block of a packet without a full decryption.
import { type Cipheriv, createCipheriv } from "node:crypto";
import type { RtpHeader } from "werift";

const GCM_PROFILE = 0x0007;

export type SrtpKeys = { profile: number; key: Buffer; salt: Buffer; encryptRtp: (header: RtpHeader, payload: Buffer) => Buffer };

export type SrtpContext = { profile: number; srtpSessionKey: Buffer; srtpSessionSalt: Buffer; encryptRtp(payload: Buffer, header: RtpHeader): Buffer };

export function readKeys(context: SrtpContext): SrtpKeys {
  return {
    profile: context.profile,
    key: context.srtpSessionKey,
    salt: context.srtpSessionSalt,
    encryptRtp: (header, payload) => context.encryptRtp(payload, header),
  };
}

export function createEcb(key: Buffer): Cipheriv {
  const ecb = createCipheriv("aes-128-ecb", key, null);
  ecb.setAutoPadding(false);
  return ecb;
}

/** Bytes between the fixed 12-byte RTP header and the payload (CSRCs and extensions). */
export function headerExtra(packet: Buffer) {
  const csrcCount = packet[0]! & 0x0f;
  let length = csrcCount * 4;
  if (packet[0]! & 0x10) length += 4 + packet.readUInt16BE(14 + length) * 4;
  return length;
}

const counterBlock = Buffer.alloc(16);

/** The AES input whose output encrypts the first 16 payload bytes (RFC 7714 §8.1, RFC 3711 §4.1.1). */
export function firstCounterBlock(keys: SrtpKeys, ssrc: number, rolloverCounter: number, sequenceNumber: number): Buffer {
  counterBlock.fill(0);
  if (keys.profile === GCM_PROFILE) {
    counterBlock.writeUInt32BE(ssrc >>> 0, 2);
    counterBlock.writeUInt32BE(rolloverCounter >>> 0, 6);
    counterBlock.writeUInt16BE(sequenceNumber, 10);
    for (let i = 0; i < 12; i++) counterBlock[i]! ^= keys.salt[i]!;
    counterBlock.writeUInt32BE(2, 12);
  } else {
    counterBlock.writeUInt32BE(ssrc >>> 0, 4);
    counterBlock.writeUInt32BE(rolloverCounter >>> 0, 8);
    counterBlock.writeUInt16BE(sequenceNumber, 12);
    for (let i = 0; i < 14; i++) counterBlock[i]! ^= keys.salt[i]!;
  }
  return counterBlock;
}
