import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ProtectionProfileAeadAes128Gcm, ProtectionProfileAes128CmHmacSha1_80, type RTCDtlsTransport, RtpHeader, RtpPacket, SrtpSession } from "werift";
import { cacheSrtpKeys } from "./cache-srtp-keys.ts";
import { createRtpFields, readRtpFields } from "./read-rtp-fields.ts";
import { decryptSrtp, encryptSrtp, nextRolloverCounter, readReceivedStreamState, readSentStreamState, readSrtpCipher } from "./srtp-cipher.ts";

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

describe.each([
  ["AES-GCM", ProtectionProfileAeadAes128Gcm],
  ["AES-CM with HMAC-SHA1-80", ProtectionProfileAes128CmHmacSha1_80],
])("the SFU's own SRTP, %s", (_name, profile) => {
  it("decrypts what werift encrypts, across a sequence-number wrap", () => {
    const { a, transportB } = pair(profile);
    const cipher = readSrtpCipher(transportB, "remote")!;
    expect(cipher).toBeDefined();
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

  it("encrypts what werift decrypts, across a sequence-number wrap", () => {
    const { transportA, b } = pair(profile);
    const cipher = readSrtpCipher(transportA, "local")!;
    const state = readSentStreamState(cipher, SSRC);
    for (const sequenceNumber of [65_532, ...SEQUENCE]) {
      const packet = rtp(sequenceNumber, randomBytes(300));
      const header = packet.header.serialize(packet.header.serializeSize);
      const rolloverCounter = nextRolloverCounter(cipher, state, sequenceNumber);
      expect(rolloverCounter).toBe(sequenceNumber < 100 ? 1 : 0);
      const { encrypted, tag } = encryptSrtp(cipher, header, packet.payload, SSRC, rolloverCounter, sequenceNumber);
      const decrypted = RtpPacket.deSerialize(b.decrypt(Buffer.concat([header, encrypted, tag])));
      expect(decrypted.header.sequenceNumber).toBe(sequenceNumber);
      expect(decrypted.payload).toEqual(packet.payload);
    }
  });

  it("refuses a packet altered on the way, and keeps its rollover state", () => {
    const { a, transportB } = pair(profile);
    const cipher = readSrtpCipher(transportB, "remote")!;
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
