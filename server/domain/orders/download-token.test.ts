import { describe, expect, it } from "vitest";
import { signDownloadToken, verifyDownloadToken } from "./download-token.ts";

const key = "k".repeat(40);
const claims = { fileId: "f", orderId: "o", userId: "u", exp: 1_000_000 };

describe("download tokens", () => {
  it("verifies its own token until it expires", () => {
    const token = signDownloadToken(key, claims);
    expect(verifyDownloadToken(key, token, new Date(999_999))).toEqual({ ok: true, claims });
    expect(verifyDownloadToken(key, token, new Date(1_000_000))).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses another key, a changed payload and garbage", () => {
    const token = signDownloadToken(key, claims);
    expect(verifyDownloadToken("x".repeat(40), token, new Date(0)).ok).toBe(false);
    const [, signature] = token.split(".");
    const forged = `${Buffer.from(JSON.stringify({ ...claims, userId: "v" })).toString("base64url")}.${signature}`;
    expect(verifyDownloadToken(key, forged, new Date(0))).toEqual({ ok: false, reason: "invalid" });
    for (const bad of ["", ".", "a.b.c", "abc"]) expect(verifyDownloadToken(key, bad, new Date(0)).ok).toBe(false);
  });
});
