import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { nativeSrtp } from "./native-srtp.ts";

// Its agreement with node:crypto and werift is tested in srtp-cipher.test.ts; here, what it does
// with calls it should refuse. Skipped only where `npm install` could not build the module (no C
// compiler, or Windows); CI requires the build (.ci/run runs `npm run build:native -- --require`).
describe.skipIf(nativeSrtp === undefined)("the native SRTP module", () => {
  const srtp = nativeSrtp!;
  const gcm = () => srtp.createContext(1, randomBytes(16));
  const header = Buffer.from("800a00010000000212345678", "hex");

  it("refuses keys of the wrong size or kind with a type error", () => {
    expect(() => srtp.createContext(1, randomBytes(15))).toThrow(TypeError);
    expect(() => srtp.createContext(3 as 1, randomBytes(16))).toThrow(/profile/);
    expect(() => srtp.createContext(2, randomBytes(16))).toThrow(/authentication key/);
    expect(() => srtp.createContext(2, randomBytes(16), randomBytes(16))).toThrow(/authentication key/);
    expect(() => srtp.createContext(1, "0123456789abcdef" as unknown as Buffer)).toThrow(TypeError);
  });

  it("refuses arguments of the wrong kind or an output too short, and writes nothing", () => {
    const context = gcm();
    const out = Buffer.alloc(64, 7);
    expect(() => srtp.seal({} as never, randomBytes(12), header, Buffer.alloc(8), 0, out)).toThrow(TypeError);
    expect(() => srtp.seal(context, randomBytes(16), header, Buffer.alloc(8), 0, out)).toThrow(/IV/);
    expect(() => srtp.seal(context, randomBytes(12), header, Buffer.alloc(40), 0, out)).toThrow(/shorter/);
    expect(() => srtp.seal(context, randomBytes(12), header.subarray(0, 11), Buffer.alloc(8), 0, out)).toThrow(TypeError);
    expect(() => srtp.open(context, randomBytes(12), Buffer.alloc(40), "12" as unknown as number, 0, out)).toThrow(TypeError);
    expect(() => srtp.open(context, randomBytes(12), Buffer.alloc(60), 12, 0, Buffer.alloc(8))).toThrow(/shorter/);
    expect(out.equals(Buffer.alloc(64, 7))).toBe(true);
  });

  it("answers -1 for a packet too short to hold its header and tag, or one that does not authenticate", () => {
    const context = gcm();
    const iv = randomBytes(12);
    const out = Buffer.alloc(100);
    expect(srtp.open(context, iv, Buffer.alloc(27), 12, 0, out)).toBe(-1);
    expect(srtp.open(context, iv, Buffer.alloc(40), 30, 0, out)).toBe(-1);
    const datagram = Buffer.alloc(12 + 50 + 16);
    expect(srtp.seal(context, iv, header, randomBytes(50), 0, datagram)).toBe(datagram.length);
    expect(srtp.open(context, iv, datagram, 12, 0, out)).toBe(50);
    datagram[30] = datagram[30]! ^ 0x40;
    out.fill(9);
    expect(srtp.open(context, iv, datagram, 12, 0, out)).toBe(-1);
    // A forged packet's would-be plaintext is wiped, not left in the caller's buffer.
    expect(out.subarray(0, 50).every((byte) => byte === 0)).toBe(true);
    // And the context goes on opening genuine packets.
    datagram[30] = datagram[30]! ^ 0x40;
    expect(srtp.open(context, iv, datagram, 12, 0, out)).toBe(50);
  });

  it("authenticates AES-CM packets with the rollover counter they were sealed with", () => {
    const context = srtp.createContext(2, randomBytes(16), randomBytes(20));
    const iv = randomBytes(16);
    const datagram = Buffer.alloc(12 + 20 + 10);
    expect(srtp.seal(context, iv, header, randomBytes(20), 5, datagram)).toBe(datagram.length);
    const out = Buffer.alloc(20);
    expect(srtp.open(context, iv, datagram, 12, 6, out)).toBe(-1);
    expect(srtp.open(context, iv, datagram, 12, 5, out)).toBe(20);
  });
});
