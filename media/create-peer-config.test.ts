import { describe, expect, it } from "vitest";
import { createPeerConfig } from "./create-peer-config.ts";

describe("createPeerConfig", () => {
  it("makes the SFU an ICE-lite agent when it has host candidates only", () => {
    expect(createPeerConfig({ iceServers: [], ice: { additionalHostAddresses: ["203.0.113.7"] } }).iceLite).toBe(true);
  });

  it("keeps a full agent when it is given STUN or TURN servers to gather candidates from", () => {
    const config = createPeerConfig({ iceServers: [{ urls: "turn:turn.example.org:3478", username: "u", credential: "p" }], ice: {} });
    expect(config.iceLite).toBe(false);
  });
});
