import { eq } from "drizzle-orm";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consultationSessions, orders } from "../../db/schema.ts";
import { readPendingEarningsMinor, readUserBalanceMinor } from "../../server/domain/ledger/ledger-accounts.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { readHeldMinor } from "../../server/domain/orders/order-access.ts";
import { ask, createSocketPool, nextEvent, publishConsultation, waitUntil } from "../fixtures/live-fixtures.ts";
import { registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";
import { readCommissionBalanceMinor } from "../../server/domain/ledger/commission-shards.ts";

// Short blocks make a whole billing cycle take seconds (docs/architecture.md rule 4).
const BLOCK_SECONDS = 3;
let server: TestServer;
const pool = createSocketPool();
beforeAll(async () => {
  server = await startTestServer(
    {
      BILLING_BLOCK_SECONDS: String(BLOCK_SECONDS),
      BILLING_VOID_SECONDS: "2",
      CALL_RING_SECONDS: "2",
      LOW_BALANCE_WARNING_SECONDS: "2",
      // Shorter than a block, so a silent party is known gone before the next boundary.
      SESSION_PARTY_TIMEOUT_SECONDS: "2",
      RECONNECT_GRACE_SECONDS: "1",
      // The blocks charged here are the subject: the 10-second rule has its own tests.
      SHORT_SESSION_SECONDS: "0",
    },
    { rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } },
  );
});
afterAll(async () => {
  pool.closeAll();
  // Every session in this file moved money: the ledger must still balance to the unit.
  expect(await verifyLedger(server.ctx.db)).toMatchObject({ ok: true, accountsSumMinor: 0, entriesSumMinor: 0 });
  await server?.stop();
});

const balance = (userId: string) => readUserBalanceMinor(server.ctx.db, userId);
// SPEC 17: what a provider earned is pending first; these tests count it whether pending or available.
const earned = async (userId: string) => (await balance(userId)) + (await readPendingEarningsMinor(server.ctx.db, userId));
const commission = () => readCommissionBalanceMinor(server.ctx.db);
async function readSession(id: string) {
  const [row] = await server.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.id, id));
  return row!;
}

type Scene = Awaited<ReturnType<typeof setUpScene>>;

/** A provider online and Available, a customer with `fundMinor`, and an open order of `medium`. */
async function setUpScene(options: { priceMinor: bigint; fundMinor: number; medium?: "text" | "video" }) {
  const provider = await registerUser(server);
  const customer = await registerUser(server);
  await provider.client.patch("/api/v1/me", { email: `provider-${provider.user.id}@example.test`, name: "Vera" });
  await customer.client.patch("/api/v1/me", { name: "Ivan" });
  const tweep = await publishConsultation(server, provider.user.id, { textPriceMinor: options.priceMinor, videoPriceMinor: options.priceMinor });
  expect((await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: options.fundMinor })).status).toBe(201);
  const placed = await customer.client.post("/api/v1/orders", { tweepId: tweep.id, medium: options.medium ?? "text" });
  expect(placed.status).toBe(201);
  const providerSocket = await pool.connect(server.url, provider.client);
  const customerSocket = await pool.connect(server.url, customer.client);
  expect((await provider.client.request("PUT", "/api/v1/me/status", { status: "available" })).status).toBe(200);
  return { provider, customer, tweep, order: placed.json.order as { id: string }, providerSocket, customerSocket };
}

/** Rings and answers; both sockets keep the session page's heartbeat going until `stop`. */
async function connectCall(scene: Scene) {
  const ringing = nextEvent(scene.providerSocket, "call:ringing");
  const started = await ask(scene.customerSocket, "call:start", { orderId: scene.order.id });
  expect(started.ok, JSON.stringify(started)).toBe(true);
  const ring = await ringing;
  expect(ring).toMatchObject({ orderId: scene.order.id, customerName: "Ivan" });
  const answeredForCustomer = nextEvent(scene.customerSocket, "call:answered");
  const answered = await ask(scene.providerSocket, "call:answer", { sessionId: ring.sessionId });
  expect(answered.ok, JSON.stringify(answered)).toBe(true);
  await answeredForCustomer;
  const sessionId = ring.sessionId as string;
  const beat = setInterval(() => {
    void ask(scene.customerSocket, "session:heartbeat", { sessionId }).catch(() => {});
    void ask(scene.providerSocket, "session:heartbeat", { sessionId }).catch(() => {});
  }, 500);
  return { sessionId, stopHeartbeats: () => clearInterval(beat) };
}

describe("presence", () => {
  it("a watching customer sees the provider's status change, and the provider go offline", async () => {
    const scene = await setUpScene({ priceMinor: 1_000n, fundMinor: 5_000 });
    const watched = await ask(scene.customerSocket, "presence:watch", { userIds: [scene.provider.user.id] });
    expect(watched.statuses).toMatchObject([{ userId: scene.provider.user.id, online: true, status: "available", callable: true }]);

    const busy = nextEvent(scene.customerSocket, "presence:changed", (p) => p.status === "busy");
    await scene.provider.client.request("PUT", "/api/v1/me/status", { status: "busy" });
    expect(await busy).toMatchObject({ online: true, callable: false });

    const offline = nextEvent(scene.customerSocket, "presence:changed", (p) => p.online === false);
    scene.providerSocket.close();
    expect(await offline).toMatchObject({ userId: scene.provider.user.id, callable: false });
    const rest = await scene.customer.client.get(`/api/v1/providers/${scene.provider.user.id}/live`);
    expect(rest.json.live).toMatchObject({ online: false, status: "busy" });
  });

  it("refuses a bad status and a bad watch list, changing nothing", async () => {
    const scene = await setUpScene({ priceMinor: 1_000n, fundMinor: 5_000 });
    const bad = await scene.provider.client.request("PUT", "/api/v1/me/status", { status: "away" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("validation_failed");
    const live = await scene.customer.client.get(`/api/v1/providers/${scene.provider.user.id}/live`);
    expect(live.json.live.status).toBe("available");
    const badWatch = await ask(scene.customerSocket, "presence:watch", { userIds: ["not-a-uuid"] });
    expect(badWatch.error.code).toBe("validation_failed");
    expect((await server.client().request("PUT", "/api/v1/me/status", { status: "busy" })).status).toBe(401);
  });
});

describe("calling", () => {
  it("rings only an Available provider who is on the site", async () => {
    const scene = await setUpScene({ priceMinor: 1_000n, fundMinor: 5_000 });
    await scene.provider.client.request("PUT", "/api/v1/me/status", { status: "not_set" });
    const refused = await ask(scene.customerSocket, "call:start", { orderId: scene.order.id });
    expect(refused.error.code).toBe("provider_unavailable");
    await scene.provider.client.request("PUT", "/api/v1/me/status", { status: "available" });
    scene.providerSocket.close();
    await waitUntil(() => scene.customer.client.get(`/api/v1/providers/${scene.provider.user.id}/live`), (r) => r.json.live.online === false);
    const offline = await ask(scene.customerSocket, "call:start", { orderId: scene.order.id });
    expect(offline.error.code).toBe("provider_unavailable");
    const sessions = await scene.customer.client.get(`/api/v1/orders/${scene.order.id}/sessions`);
    expect(sessions.json.sessions).toEqual([]);
  });

  it("one call per order; only the provider answers or declines; the customer may cancel", async () => {
    const scene = await setUpScene({ priceMinor: 1_000n, fundMinor: 5_000 });
    const stranger = await registerUser(server);
    const strangerSocket = await pool.connect(server.url, stranger.client);

    const first = await ask(scene.customerSocket, "call:start", { orderId: scene.order.id });
    expect(first.ok).toBe(true);
    const second = await ask(scene.customerSocket, "call:start", { orderId: scene.order.id });
    expect(second.error.code).toBe("conflict");
    expect((await ask(strangerSocket, "call:start", { orderId: scene.order.id })).error.code).toBe("not_found");
    expect((await ask(strangerSocket, "call:answer", { sessionId: first.session.id })).error.code).toBe("not_found");
    expect((await ask(scene.customerSocket, "call:answer", { sessionId: first.session.id })).error.code).toBe("forbidden");
    expect((await ask(scene.customerSocket, "call:start", { orderId: "nope" })).error.code).toBe("validation_failed");

    const waiting = await ask(scene.providerSocket, "calls:waiting");
    expect(waiting.calls).toMatchObject([{ sessionId: first.session.id, orderId: scene.order.id, customerName: "Ivan" }]);

    const toldCustomer = nextEvent(scene.customerSocket, "call:ended");
    const declined = await ask(scene.providerSocket, "call:decline", { sessionId: first.session.id });
    expect(declined.session.status).toBe("declined");
    expect(await toldCustomer).toMatchObject({ sessionId: first.session.id, status: "declined" });
    expect((await ask(scene.providerSocket, "call:answer", { sessionId: first.session.id })).error.code).toBe("invalid_state");

    const again = await ask(scene.customerSocket, "call:start", { orderId: scene.order.id });
    const toldProvider = nextEvent(scene.providerSocket, "call:ended");
    expect((await ask(scene.customerSocket, "call:cancel", { sessionId: again.session.id })).session.status).toBe("cancelled");
    expect(await toldProvider).toMatchObject({ status: "cancelled" });
    expect((await readSession(again.session.id)).status).toBe("cancelled");
  });

  it("an unanswered call becomes missed, is recorded, and e-mailed to the provider", async () => {
    const scene = await setUpScene({ priceMinor: 1_000n, fundMinor: 5_000 });
    const started = await ask(scene.customerSocket, "call:start", { orderId: scene.order.id });
    const missed = await nextEvent(scene.customerSocket, "call:ended", (p) => p.status === "missed");
    expect(missed.sessionId).toBe(started.session.id);
    expect((await readSession(started.session.id)).status).toBe("missed");
    const outbox = await waitUntil(
      () => server.ctx.db.query.outboxMessages.findMany(),
      (rows) => rows.some((row) => row.recipient === `provider-${scene.provider.user.id}@example.test` && /Missed call|Пропущенный/.test(row.subject ?? "")),
    );
    expect(outbox.length).toBeGreaterThan(0);
    expect((await ask(scene.providerSocket, "call:answer", { sessionId: started.session.id })).error.code).toBe("invalid_state");
  });

  it("a provider in a session shows Busy and cannot be rung by another customer", async () => {
    const scene = await setUpScene({ priceMinor: 1_000n, fundMinor: 5_000 });
    const { sessionId, stopHeartbeats } = await connectCall(scene);
    const other = await registerUser(server);
    await other.client.post("/api/v1/wallet/top-ups", { amountMinor: 5_000 });
    const otherOrder = await other.client.post("/api/v1/orders", { tweepId: scene.tweep.id, medium: "text" });
    const otherSocket = await pool.connect(server.url, other.client);
    const watched = await ask(otherSocket, "presence:watch", { userIds: [scene.provider.user.id] });
    expect(watched.statuses[0]).toMatchObject({ online: true, status: "busy", callable: false });
    expect((await ask(otherSocket, "call:start", { orderId: otherOrder.json.order.id })).error.code).toBe("provider_unavailable");
    const listedNow = async () => (await other.client.get("/api/v1/tweeps?availableNow=true&pageSize=50")).json.items.map((item: { id: string }) => item.id);
    expect(await listedNow()).not.toContain(scene.tweep.id);

    const free = nextEvent(otherSocket, "presence:changed", (p) => p.status === "available");
    await ask(scene.customerSocket, "session:end", { sessionId });
    stopHeartbeats();
    expect(await free).toMatchObject({ callable: true });
    expect(await listedNow()).toContain(scene.tweep.id);
  });
});

describe("text sessions and metering", () => {
  it("starts the clock at the customer's second message, charges blocks, warns, and cuts off", async () => {
    // 1 000 held for block 0, 1 500 left: block 1 is paid, block 2 is not.
    const scene = await setUpScene({ priceMinor: 1_000n, fundMinor: 2_500 });
    const providerBefore = await earned(scene.provider.user.id);
    const commissionBefore = await commission();
    const { sessionId, stopHeartbeats } = await connectCall(scene);

    const first = await ask(scene.customerSocket, "chat:send", { orderId: scene.order.id, body: "Hello" });
    expect(first.message).toMatchObject({ body: "Hello", orderId: scene.order.id });
    const reply = nextEvent(scene.customerSocket, "order:message", (m) => m.body === "Hi, how can I help?");
    await ask(scene.providerSocket, "chat:send", { orderId: scene.order.id, body: "Hi, how can I help?" });
    await reply;
    expect((await readSession(sessionId)).clockStartedAt).toBeNull();

    const typing = nextEvent(scene.providerSocket, "chat:typing");
    await ask(scene.customerSocket, "chat:typing", { orderId: scene.order.id });
    expect(await typing).toMatchObject({ orderId: scene.order.id, userId: scene.customer.user.id });

    const warning = nextEvent(scene.customerSocket, "session:low-balance", () => true, 20_000);
    const cutOff = nextEvent(scene.providerSocket, "session:updated", (s) => s.status === "ended", 25_000);
    await ask(scene.customerSocket, "chat:send", { orderId: scene.order.id, body: "My question is…" });
    const started = await readSession(sessionId);
    expect(started.clockStartedAt).not.toBeNull();
    expect(started).toMatchObject({ firstSession: true, usesPrepaidBlock: true });

    expect(await warning).toMatchObject({ sessionId, blockPriceMinor: 1_000, balanceMinor: 500 });
    const ended = await cutOff;
    stopHeartbeats();
    expect(ended).toMatchObject({ endReason: "insufficient_funds", blocksCharged: 2, void: false });
    // Cut off exactly at the unpaid boundary: two blocks after the clock started.
    expect(Date.parse(ended.endedAt) - Date.parse(ended.clockStartedAt)).toBe(2 * BLOCK_SECONDS * 1000);

    expect(await balance(scene.customer.user.id)).toBe(500n);
    expect(await earned(scene.provider.user.id)).toBe(providerBefore + 2n * 800n);
    expect(await commission()).toBe(commissionBefore + 2n * 200n);
    expect(await readHeldMinor(server.ctx.db, scene.order.id)).toBe(0n);
    const sessions = await scene.customer.client.get(`/api/v1/orders/${scene.order.id}/sessions`);
    expect(sessions.json.sessions).toMatchObject([{ id: sessionId, status: "ended", blocksCharged: 2, endReason: "insufficient_funds" }]);
  });

  it("a first session the customer ends inside the void window costs nothing; the next one uses the hold at once", async () => {
    const scene = await setUpScene({ priceMinor: 1_000n, fundMinor: 1_000 });
    const voided = await connectCall(scene);
    await ask(scene.customerSocket, "chat:send", { orderId: scene.order.id, body: "one" });
    await ask(scene.customerSocket, "chat:send", { orderId: scene.order.id, body: "two" });
    const ended = await ask(scene.customerSocket, "session:end", { sessionId: voided.sessionId });
    voided.stopHeartbeats();
    // The void window is 1 s; the two messages and the end took far less on loopback.
    expect(ended.session).toMatchObject({ status: "ended", void: true, blocksCharged: 0, endReason: "customer_ended" });
    expect(await readHeldMinor(server.ctx.db, scene.order.id)).toBe(1_000n);

    const later = await connectCall(scene);
    await ask(scene.customerSocket, "chat:send", { orderId: scene.order.id, body: "three" });
    await ask(scene.customerSocket, "chat:send", { orderId: scene.order.id, body: "four" });
    const row = await waitUntil(() => readSession(later.sessionId), (s) => s.blocksCharged === 1);
    expect(row).toMatchObject({ firstSession: false, usesPrepaidBlock: true });
    expect(await readHeldMinor(server.ctx.db, scene.order.id)).toBe(0n);
    // Not void even when ended at once: only the first session can be.
    const end = await ask(scene.customerSocket, "session:end", { sessionId: later.sessionId });
    later.stopHeartbeats();
    expect(end.session).toMatchObject({ void: false, blocksCharged: 1 });
    const [order] = await server.ctx.db.select().from(orders).where(eq(orders.id, scene.order.id));
    expect(order?.prepaidBlockUsed).toBe(true);
  });

  it("a later session pays its first block from its first second, and is refused without the money", async () => {
    const scene = await setUpScene({ priceMinor: 1_000n, fundMinor: 2_000 });
    const firstSession = await connectCall(scene);
    await ask(scene.customerSocket, "chat:send", { orderId: scene.order.id, body: "one" });
    await ask(scene.customerSocket, "chat:send", { orderId: scene.order.id, body: "two" });
    await waitUntil(() => readSession(firstSession.sessionId), (s) => s.blocksCharged === 1);
    await ask(scene.providerSocket, "session:end", { sessionId: firstSession.sessionId });
    firstSession.stopHeartbeats();
    // Block 0 came from the hold; on a loaded machine the end can come after the next
    // boundary, which the balance pays (2 000 funded, 1 000 held for block 0). Whatever was
    // charged, top up to exactly one block.
    const { blocksCharged } = await readSession(firstSession.sessionId);
    expect(await balance(scene.customer.user.id)).toBe(1_000n - BigInt(blocksCharged - 1) * 1_000n);
    if (blocksCharged > 1) {
      const topUp = await scene.customer.client.post("/api/v1/wallet/top-ups", { amountMinor: (blocksCharged - 1) * 1_000 });
      expect(topUp.status).toBe(201);
    }
    expect(await balance(scene.customer.user.id)).toBe(1_000n);

    const second = await connectCall(scene);
    await ask(scene.customerSocket, "chat:send", { orderId: scene.order.id, body: "three" });
    await ask(scene.customerSocket, "chat:send", { orderId: scene.order.id, body: "four" });
    const charged = await readSession(second.sessionId);
    expect(charged).toMatchObject({ blocksCharged: 1, usesPrepaidBlock: false, firstSession: false });
    // Exactly enough for block 0: the balance is now zero, and the session goes on.
    expect(await balance(scene.customer.user.id)).toBe(0n);
    expect(charged.status).toBe("live");
    await ask(scene.customerSocket, "session:end", { sessionId: second.sessionId });
    second.stopHeartbeats();

    const refused = await ask(scene.customerSocket, "call:start", { orderId: scene.order.id });
    expect(refused.error).toMatchObject({ code: "insufficient_funds", details: { shortfallMinor: 1_000 } });
  });

  it("one unit short at a boundary cuts the session off at that boundary", async () => {
    // Block 0 from the hold; 999 left cannot pay block 1.
    const scene = await setUpScene({ priceMinor: 1_000n, fundMinor: 1_999 });
    const { sessionId, stopHeartbeats } = await connectCall(scene);
    const cut = nextEvent(scene.customerSocket, "session:updated", (s) => s.status === "ended", 20_000);
    await ask(scene.customerSocket, "chat:send", { orderId: scene.order.id, body: "one" });
    await ask(scene.customerSocket, "chat:send", { orderId: scene.order.id, body: "two" });
    const ended = await cut;
    stopHeartbeats();
    expect(ended).toMatchObject({ id: sessionId, endReason: "insufficient_funds", blocksCharged: 1 });
    expect(Date.parse(ended.endedAt) - Date.parse(ended.clockStartedAt)).toBe(BLOCK_SECONDS * 1000);
    expect(await balance(scene.customer.user.id)).toBe(999n);
  });

  it("refuses to cancel or close an order while its session is live", async () => {
    const scene = await setUpScene({ priceMinor: 1_000n, fundMinor: 5_000 });
    const { sessionId, stopHeartbeats } = await connectCall(scene);
    expect((await scene.customer.client.post(`/api/v1/orders/${scene.order.id}/cancel`)).json.error.code).toBe("invalid_state");
    expect((await scene.customer.client.post(`/api/v1/orders/${scene.order.id}/close`)).json.error.code).toBe("invalid_state");
    await ask(scene.customerSocket, "session:end", { sessionId });
    stopHeartbeats();
    // Never started, so nothing was used: cancelling returns the whole hold.
    expect((await scene.customer.client.post(`/api/v1/orders/${scene.order.id}/cancel`)).status).toBe(200);
    expect(await balance(scene.customer.user.id)).toBe(5_000n);
  });

  it("a session whose parties stopped sending heartbeats ends at the last heartbeat and is settled", async () => {
    const scene = await setUpScene({ priceMinor: 1_000n, fundMinor: 10_000 });
    const { sessionId, stopHeartbeats } = await connectCall(scene);
    await ask(scene.customerSocket, "chat:send", { orderId: scene.order.id, body: "one" });
    await ask(scene.customerSocket, "chat:send", { orderId: scene.order.id, body: "two" });
    stopHeartbeats();
    const ended = await waitUntil(() => readSession(sessionId), (s) => s.status === "ended", 20_000);
    expect(ended.endReason).toBe("parties_gone");
    // Ended when last heard, so no block after that is charged, however late the loop noticed.
    // (never before the clock started: the end of a session cannot precede its start)
    const heard = Math.max(Math.min(ended.customerSeenAt!.getTime(), ended.providerSeenAt!.getTime()), ended.clockStartedAt!.getTime());
    expect(ended.endedAt!.getTime()).toBe(heard);
    const owed = Math.max(1, Math.ceil((heard - ended.clockStartedAt!.getTime()) / (BLOCK_SECONDS * 1000)));
    expect(ended.blocksCharged).toBe(owed);
  });

  it("a stranger cannot read, end, or chat in someone else's session", async () => {
    const scene = await setUpScene({ priceMinor: 1_000n, fundMinor: 5_000 });
    const { sessionId, stopHeartbeats } = await connectCall(scene);
    const stranger = await registerUser(server);
    const socket: Socket = await pool.connect(server.url, stranger.client);
    expect((await ask(socket, "session:end", { sessionId })).error.code).toBe("not_found");
    expect((await ask(socket, "session:heartbeat", { sessionId })).error.code).toBe("not_found");
    expect((await ask(socket, "chat:send", { orderId: scene.order.id, body: "hi" })).error.code).toBe("not_found");
    expect((await ask(socket, "media:join", { sessionId, offerSdp: "v=0 something long enough" })).error.code).toBe("not_found");
    expect((await stranger.client.get(`/api/v1/orders/${scene.order.id}/sessions`)).status).toBe(404);
    expect((await readSession(sessionId)).status).toBe("live");
    await ask(scene.providerSocket, "session:end", { sessionId });
    stopHeartbeats();
  });
});
