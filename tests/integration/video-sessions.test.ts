import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consultationSessions } from "../../db/schema.ts";
import { readUserBalanceMinor } from "../../server/domain/ledger/ledger-accounts.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { ask, createSocketPool, nextEvent, publishConsultation, waitUntil } from "../fixtures/live-fixtures.ts";
import { createTestPeer, pumpRtp, type TestPeer, waitFor } from "../fixtures/media-test-peer.ts";
import { registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// A video session through the real server and its SFU, with werift peers speaking real
// ICE, DTLS and SRTP on loopback: the clock starts only when the provider's media reaches
// the customer, blocks are charged from then, and the cut-off closes both peers at once.

const BLOCK_SECONDS = 3;
let server: TestServer;
const pool = createSocketPool();
const peers: TestPeer[] = [];
const pumps: { stop(): void }[] = [];
beforeAll(async () => {
  server = await startTestServer({ BILLING_BLOCK_SECONDS: String(BLOCK_SECONDS), BILLING_VOID_SECONDS: "1", SHORT_SESSION_SECONDS: "0" });
});
afterAll(async () => {
  pumps.forEach((pump) => pump.stop());
  await Promise.all(peers.map((peer) => peer.close()));
  pool.closeAll();
  expect(await verifyLedger(server.ctx.db)).toMatchObject({ ok: true, accountsSumMinor: 0 });
  await server?.stop();
});

const readSession = async (id: string) => (await server.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.id, id)))[0]!;

/** A provider on the site and Available, a funded customer, an order of `medium`, a call answered. */
async function answeredCall(medium: "video" | "text", fundMinor: number) {
  const provider = await registerUser(server);
  const customer = await registerUser(server);
  const tweep = await publishConsultation(server, provider.user.id, { videoPriceMinor: 1_000n, textPriceMinor: 1_000n });
  await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: fundMinor });
  const order = (await customer.client.post("/api/v1/orders", { tweepId: tweep.id, medium })).json.order;
  const providerSocket = await pool.connect(server.url, provider.client);
  const customerSocket = await pool.connect(server.url, customer.client);
  await provider.client.request("PUT", "/api/v1/me/status", { status: "available" });
  const started = await ask(customerSocket, "call:start", { orderId: order.id });
  const sessionId = started.session.id as string;
  await ask(providerSocket, "call:answer", { sessionId });
  return { customer, providerSocket, customerSocket, sessionId };
}

describe("video sessions through the SFU", () => {
  it("starts the clock at the first forwarded provider packet, charges, and cuts both peers off", async () => {
    const { customer, providerSocket, customerSocket, sessionId } = await answeredCall("video", 2_000);
    const beat = setInterval(() => {
      void ask(customerSocket, "session:heartbeat", { sessionId }).catch(() => {});
      void ask(providerSocket, "session:heartbeat", { sessionId }).catch(() => {});
    }, 500);

    try {
      // A text-only signalling mistake is refused before any media server work.
      expect((await ask(customerSocket, "media:join", { sessionId, offerSdp: "not an offer at all" })).error.code).toBe("validation_failed");

      const providerPeer = await createTestPeer();
      const customerPeer = await createTestPeer();
      peers.push(providerPeer, customerPeer);
      for (const [socket, peer] of [
        [providerSocket, providerPeer],
        [customerSocket, customerPeer],
      ] as const) {
        const joined = await ask(socket, "media:join", { sessionId, offerSdp: peer.offerSdp });
        expect(joined.ok, JSON.stringify(joined)).toBe(true);
        await peer.accept(joined.answerSdp);
      }
      // Connected, but nothing sent yet: no clock.
      await waitFor(() => providerPeer.pc.connectionState === "connected" && customerPeer.pc.connectionState === "connected", "both peers to connect");
      expect((await readSession(sessionId)).clockStartedAt).toBeNull();

      const cutOff = nextEvent(customerSocket, "session:updated", (s) => s.status === "ended", 30_000);
      pumps.push(pumpRtp(await providerPeer.startSending("video"), "video", { intervalMs: 20 }));
      await waitFor(() => customerPeer.received.video.length > 0, "the customer to receive the provider's video");
      const clocked = await waitUntil(() => readSession(sessionId), (s) => s.clockStartedAt !== null);
      expect(clocked).toMatchObject({ firstSession: true, usesPrepaidBlock: true });

      // 1 000 held + 1 000 on the balance: blocks 0 and 1 are paid, block 2 is not.
      const ended = await cutOff;
      expect(ended).toMatchObject({ endReason: "insufficient_funds", blocksCharged: 2 });
      expect(Date.parse(ended.endedAt) - Date.parse(ended.clockStartedAt)).toBe(2 * BLOCK_SECONDS * 1000);
      expect(await readUserBalanceMinor(server.ctx.db, customer.user.id)).toBe(0n);

      // Both peers are closed by the SFU at once; the room cannot be joined again.
      await waitFor(
        () => providerPeer.video.dtlsTransport.state === "closed" && customerPeer.video.dtlsTransport.state === "closed",
        "both peers' transports to close",
        10_000,
      );
      const again = await createTestPeer();
      peers.push(again);
      expect((await ask(customerSocket, "media:join", { sessionId, offerSdp: again.offerSdp })).error.code).toBe("invalid_state");
    } finally {
      clearInterval(beat);
    }
  }, 60_000);

  it("a text session has no media room", async () => {
    const { customerSocket, sessionId } = await answeredCall("text", 2_000);
    const peer = await createTestPeer();
    peers.push(peer);
    expect((await ask(customerSocket, "media:join", { sessionId, offerSdp: peer.offerSdp })).error.code).toBe("invalid_state");
    await ask(customerSocket, "session:end", { sessionId });
  });
});
