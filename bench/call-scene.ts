// A video session for the network benchmarks: the real app (API, Socket.IO, database, ledger and
// SFU) in this process, a provider werift peer connected directly, and a customer werift peer
// connected through a UDP relay that plays the bad network.
import { eq } from "drizzle-orm";
import type { Socket } from "socket.io-client";
import { consultationSessions } from "../db/schema.ts";
import { ask, createSocketPool, publishConsultation } from "../tests/fixtures/live-fixtures.ts";
import { createTestPeer, readIndex, type TestPeer } from "../tests/fixtures/media-test-peer.ts";
import { registerUser, type TestServer } from "../tests/fixtures/test-server.ts";
import { createUdpRelay, type UdpRelay } from "./udp-relay.ts";

export type CallScene = {
  sessionId: string;
  providerPeer: TestPeer;
  customerPeer: TestPeer;
  relay: UdpRelay;
  customerSocket: Socket;
  /** Every provider video packet the customer received: when (performance.now) and its index. */
  videoArrivals: { at: number; index: number }[];
  readSession(): Promise<typeof consultationSessions.$inferSelect>;
  close(): Promise<void>;
};

export async function startCallScene(server: TestServer, relaySettings: { lossRate?: number; oneWayDelayMs?: number } = {}): Promise<CallScene> {
  const pool = createSocketPool();
  const provider = await registerUser(server);
  const customer = await registerUser(server);
  const tweep = await publishConsultation(server, provider.user.id, { videoPriceMinor: 1_000n });
  await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 1_000_000 });
  const order = (await customer.client.post("/api/v1/orders", { tweepId: tweep.id, medium: "video" })).json.order as { id: string };
  const providerSocket = await pool.connect(server.url, provider.client);
  const customerSocket = await pool.connect(server.url, customer.client);
  await provider.client.request("PUT", "/api/v1/me/status", { status: "available" });
  const started = await ask(customerSocket, "call:start", { orderId: order.id });
  if (!started.ok) throw new Error(JSON.stringify(started));
  const sessionId = started.session.id as string;
  await ask(providerSocket, "call:answer", { sessionId });
  const beat = setInterval(() => {
    void ask(customerSocket, "session:heartbeat", { sessionId }).catch(() => {});
    void ask(providerSocket, "session:heartbeat", { sessionId }).catch(() => {});
  }, 1_000);

  const providerPeer = await createTestPeer();
  const joined = await ask(providerSocket, "media:join", { sessionId, offerSdp: providerPeer.offerSdp });
  await providerPeer.accept(joined.answerSdp);
  const relay = await createUdpRelay(relaySettings);
  const customerPeer = await createTestPeer();
  const videoArrivals: CallScene["videoArrivals"] = [];
  customerPeer.video.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((packet) => videoArrivals.push({ at: performance.now(), index: readIndex(packet) })));
  const customerJoined = await ask(customerSocket, "media:join", { sessionId, offerSdp: relay.rewriteOffer(customerPeer.offerSdp) });
  if (!customerJoined.ok) throw new Error(JSON.stringify(customerJoined));
  await customerPeer.accept(relay.rewriteAnswer(customerJoined.answerSdp));
  const deadline = Date.now() + 30_000;
  while (!(providerPeer.pc.connectionState === "connected" && customerPeer.pc.connectionState === "connected")) {
    if (Date.now() > deadline) throw new Error("the peers did not connect");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    sessionId,
    providerPeer,
    customerPeer,
    relay,
    customerSocket,
    videoArrivals,
    readSession: async () => (await server.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.id, sessionId)))[0]!,
    close: async () => {
      clearInterval(beat);
      await ask(customerSocket, "session:end", { sessionId }).catch(() => {});
      await Promise.all([providerPeer.close(), customerPeer.close()]);
      await relay.close();
      pool.closeAll();
    },
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}
