import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ProtectionProfileAeadAes128Gcm, ProtectionProfileAes128CmHmacSha1_80, type RTCDtlsTransport, RtpHeader, RtpPacket, SrtpSession } from "werift";
import { cacheSrtpKeys } from "./cache-srtp-keys.ts";
import { nativeSrtp } from "./native-srtp.ts";
import { createRtpFields, readRtpFields } from "./read-rtp-fields.ts";
import { decryptSrtp, encryptSrtp, nextRolloverCounter, readReceivedStreamState, readSentStreamState, readSrtpCipher, type SrtpCipher } from "./srtp-cipher.ts";

const SSRC = 0x1234_5678;

/** Two ends of one SRTP association, as werift makes them from a DTLS handshake's keys. */
function pair(profile: number) {
  const keyLength = 16;
  const saltLength = profile === ProtectionProfileAeadAes128Gcm ? 12 : 14;
  const [keyA, saltA, keyB, saltB] = [randomBytes(keyLength), randomBytes(saltLength), randomBytes(keyLength), randomBytes(saltLength)];
  const a = new SrtpSession({ keys: { localMasterKey: keyA, localMasterSalt: saltA, remoteMasterKey: keyB, remoteMasterSalt: saltB }, profile } as never);
  const b = new SrtpSession({ keys: { localMasterKey: keyB, localMasterSalt: saltB, remoteMasterKey: keyA, remoteMasterSalt: saltA }, profile } as never);
  // The shape of a connected werift transport, as far as the cipher reads it (its keys cached, as the SFU does).
  const transportOf = (session: SrtpSession) => {
    const transport = { srtp: session, srtcp: undefined } as unknown as RTCDtlsTransport;
    cacheSrtpKeys(transport);
    return transport;
  };
  return { a, b, transportA: transportOf(a), transportB: transportOf(b) };
}

function rtp(sequenceNumber: number, payload: Buffer) {
  return { header: new RtpHeader({ sequenceNumber, timestamp: sequenceNumber * 3_000, ssrc: SSRC, payloadType: 96, marker: sequenceNumber % 2 === 0 }), payload };
}

// Across the 16-bit wrap, where the rollover counter must move on both sides.
const SEQUENCE = [65_533, 65_534, 65_535, 0, 1, 2];

/** The cipher on the path under test: the native module's (when built) or node:crypto's. */
function onPath(cipher: SrtpCipher | undefined, native: boolean): SrtpCipher {
  expect(cipher).toBeDefined();
  if (native) {
    expect(cipher!.native).toBeDefined();
    return cipher!;
  }
  return { ...cipher!, native: undefined };
}

describe.each([
  ["AES-GCM", "node:crypto", ProtectionProfileAeadAes128Gcm],
  ["AES-GCM", "the native module", ProtectionProfileAeadAes128Gcm],
  ["AES-CM with HMAC-SHA1-80", "node:crypto", ProtectionProfileAes128CmHmacSha1_80],
  ["AES-CM with HMAC-SHA1-80", "the native module", ProtectionProfileAes128CmHmacSha1_80],
])("the SFU's own SRTP, %s, through %s", (_name, path, profile) => {
  const native = path === "the native module";
  // Skipped only where `npm install` could not build the module (no C compiler, or Windows); CI
  // requires the build (.ci/run runs `npm run build:native -- --require`).
  const test = it.skipIf(native && nativeSrtp === undefined);

  test("decrypts what werift encrypts, across a sequence-number wrap", () => {
    const { a, transportB } = pair(profile);
    const cipher = onPath(readSrtpCipher(transportB, "remote"), native);
    const fields = createRtpFields();
    // werift's path sees each stream's first packet, which sets up its rollover state.
    const first = rtp(65_532, randomBytes(100));
    (transportB as unknown as { srtp: SrtpSession }).srtp.decrypt(a.encrypt(first.payload, first.header));
    const state = readReceivedStreamState(cipher, SSRC)!;
    for (const sequenceNumber of SEQUENCE) {
      const packet = rtp(sequenceNumber, randomBytes(200 + sequenceNumber % 7));
      const datagram = a.encrypt(packet.payload, packet.header);
      expect(readRtpFields(datagram, cipher.tagLength, fields)).toBe(true);
      expect(fields).toMatchObject({ sequenceNumber, ssrc: SSRC, payloadType: 96, marker: sequenceNumber % 2 === 0, headerLength: 12 });
      expect(decryptSrtp(cipher, datagram, fields.headerLength, fields.ssrc, fields.sequenceNumber, state)).toEqual(packet.payload);
    }
  });

  test("encrypts what werift decrypts, across a sequence-number wrap", () => {
    const { transportA, b } = pair(profile);
    const cipher = onPath(readSrtpCipher(transportA, "local"), native);
    const state = readSentStreamState(cipher, SSRC);
    for (const sequenceNumber of [65_532, ...SEQUENCE]) {
      const packet = rtp(sequenceNumber, randomBytes(300));
      const header = packet.header.serialize(packet.header.serializeSize);
      const rolloverCounter = nextRolloverCounter(cipher, state, sequenceNumber);
      expect(rolloverCounter).toBe(sequenceNumber < 100 ? 1 : 0);
      const datagram = encryptSrtp(cipher, header, packet.payload, SSRC, rolloverCounter, sequenceNumber)!;
      expect(datagram.length).toBe(header.length + packet.payload.length + cipher.tagLength);
      const decrypted = RtpPacket.deSerialize(b.decrypt(datagram));
      expect(decrypted.header.sequenceNumber).toBe(sequenceNumber);
      expect(decrypted.payload).toEqual(packet.payload);
    }
  });

  test("refuses a packet altered on the way, and keeps its rollover state", () => {
    const { a, transportB } = pair(profile);
    const cipher = onPath(readSrtpCipher(transportB, "remote"), native);
    const first = rtp(65_535, randomBytes(100));
    (transportB as unknown as { srtp: SrtpSession }).srtp.decrypt(a.encrypt(first.payload, first.header));
    const state = readReceivedStreamState(cipher, SSRC)!;
    const before = { ...state };
    const packet = rtp(0, randomBytes(100));
    const datagram = a.encrypt(packet.payload, packet.header);
    datagram[20] = datagram[20]! ^ 1;
    expect(decryptSrtp(cipher, datagram, 12, SSRC, 0, state)).toBeUndefined();
    expect(state).toEqual(before);
    // A stream werift has not set up yet is left to werift.
    expect(readReceivedStreamState(cipher, SSRC + 1)).toBeUndefined();
  });
});

describe.each([
  ["AES-GCM", ProtectionProfileAeadAes128Gcm],
  ["AES-CM with HMAC-SHA1-80", ProtectionProfileAes128CmHmacSha1_80],
])("the native module and node:crypto, %s", (_name, profile) => {
  // Skipped only where `npm install` could not build the module; CI requires the build.
  it.skipIf(nativeSrtp === undefined)("make the same datagrams, packet after packet on one context, and read each other's", () => {
    const { transportA, transportB } = pair(profile);
    const sending = onPath(readSrtpCipher(transportA, "local"), true);
    const sendingInJs = onPath(readSrtpCipher(transportA, "local"), false);
    const receiving = onPath(readSrtpCipher(transportB, "remote"), true);
    const receivingInJs = onPath(readSrtpCipher(transportB, "remote"), false);
    const state = { rolloverCounter: 0, lastSequenceNumber: 0 };
    // Lengths around AES's 16-byte blocks and an empty payload, so that no state of one packet can leak into the next.
    for (const [index, size] of [0, 1, 15, 16, 17, 160, 1_100, 31, 1_199, 2, 48, 1_000].entries()) {
      const sequenceNumber = 40_000 + index;
      const header = rtp(sequenceNumber, Buffer.alloc(0)).header.serialize(12);
      const payload = randomBytes(size);
      const datagram = encryptSrtp(sending, header, payload, SSRC, 3, sequenceNumber)!;
      expect(datagram).toEqual(encryptSrtp(sendingInJs, header, payload, SSRC, 3, sequenceNumber));
      for (const cipher of [receiving, receivingInJs]) {
        Object.assign(state, { rolloverCounter: 3, lastSequenceNumber: sequenceNumber - 1 });
        expect(decryptSrtp(cipher, datagram, 12, SSRC, sequenceNumber, state)).toEqual(payload);
      }
    }
  });
});
