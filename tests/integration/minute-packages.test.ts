import { and, eq } from "drizzle-orm";
import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { consultationSessions, ledgerAccounts, packagePurchases, pendingEarnings, sessionBlockQuality } from "../../db/schema.ts";
import { withTransaction } from "../../db/with-transaction.ts";
import { readCommissionBalanceMinor } from "../../server/domain/ledger/commission-shards.ts";
import { readUserBalanceMinor } from "../../server/domain/ledger/ledger-accounts.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { expirePackages } from "../../server/domain/packages/expire-packages.ts";
import { advanceSession } from "../../server/domain/sessions/advance-session.ts";
import { recordMediaQuality } from "../../server/domain/sessions/record-media-quality.ts";
import { ask, createSocketPool, nextEvent, publishConsultation, waitUntil } from "../fixtures/live-fixtures.ts";
import { makeAdmin, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// SPEC 18 minute packages. The server runs on a clock the test moves (docs/architecture.md
// rule 4), so a minute of a package or a day of its validity passes at once; the metering and
// expiry loops run as in production, on that clock. Commission is the default 20 %.
const BLOCK_SECONDS = 300;
let clockMs = Date.now();
let server: TestServer;
let moderator: Awaited<ReturnType<typeof registerUser>>;
const pool = createSocketPool();

beforeAll(async () => {
  server = await startTestServer(
    {
      BILLING_BLOCK_SECONDS: String(BLOCK_SECONDS),
      LOW_BALANCE_WARNING_SECONDS: "30",
      // The test moves the clock in steps; a party is never taken for gone between them.
      SESSION_PARTY_TIMEOUT_SECONDS: "600",
      RECONNECT_GRACE_SECONDS: "600",
      CALL_RING_SECONDS: "600",
    },
    {
      now: () => new Date(clockMs),
      rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } },
      // Moving the clock sends heartbeats in quick bursts; the per-socket event limit is not the subject here.
      socketLimits: { eventsPerSecond: 10_000, eventBurst: 10_000 },
    },
  );
  moderator = await registerUser(server);
  await makeAdmin(server, moderator.user.id);
});
afterEach(async () => {
  // Every test moved money: the ledger balances to the unit after each.
  expect(await verifyLedger(server.ctx.db)).toMatchObject({ ok: true, accountsSumMinor: 0, entriesSumMinor: 0 });
});
afterAll(async () => {
  pool.closeAll();
  await server?.stop();
});

const balance = (userId: string) => readUserBalanceMinor(server.ctx.db, userId);
const commission = () => readCommissionBalanceMinor(server.ctx.db);
/** SPEC 17: every credit to a provider goes to their pending earnings first. */
async function pending(userId: string) {
  const [row] = await server.ctx.db
    .select({ balanceMinor: ledgerAccounts.balanceMinor })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.userId, userId), eq(ledgerAccounts.kind, "earnings_pending")));
  return row?.balanceMinor ?? 0n;
}
async function readSession(id: string) {
  const [row] = await server.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.id, id));
  return row!;
}
async function readPurchase(id: string) {
  const [row] = await server.ctx.db.select().from(packagePurchases).where(eq(packagePurchases.id, id));
  return row!;
}
async function holdOf(purchaseId: string) {
  const [row] = await server.ctx.db.select({ balanceMinor: ledgerAccounts.balanceMinor }).from(ledgerAccounts).where(eq(ledgerAccounts.packagePurchaseId, purchaseId));
  return row?.balanceMinor ?? 0n;
}

type Scene = Awaited<ReturnType<typeof setUpScene>>;

/** A provider with a consultation tweep (block price `blockPriceMinor`), a funded customer with an open text order. */
async function setUpScene(options: { blockPriceMinor: bigint; fundMinor: number }) {
  const provider = await registerUser(server);
  const customer = await registerUser(server);
  await customer.client.patch("/api/v1/me", { name: "Ivan" });
  const tweep = await publishConsultation(server, provider.user.id, { textPriceMinor: options.blockPriceMinor, videoPriceMinor: options.blockPriceMinor });
  expect((await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: options.fundMinor })).status).toBe(201);
  const placed = await customer.client.post("/api/v1/orders", { tweepId: tweep.id, medium: "text" });
  expect(placed.status).toBe(201);
  return { provider, customer, tweep, order: placed.json.order as { id: string } };
}

/** The provider offers a package and a moderator approves it. */
async function offerApproved(scene: Scene, offer: { minutes: number; priceMinor: number; validityDays: number }) {
  const offered = await scene.provider.client.post(`/api/v1/tweeps/${scene.tweep.id}/packages`, offer);
  expect(offered.status, offered.text).toBe(201);
  const approved = await moderator.client.post(`/api/v1/moderation/packages/${offered.json.package.id}`, { decision: "approve" });
  expect(approved.status, approved.text).toBe(200);
  return offered.json.package as { id: string };
}

async function buy(scene: Scene, packageId: string, autoRenew = false) {
  const bought = await scene.customer.client.post(`/api/v1/orders/${scene.order.id}/packages`, { packageId, autoRenew });
  expect(bought.status, bought.text).toBe(201);
  return bought.json.purchase as { id: string; validUntil: string };
}

type Call = { sessionId: string; customerSocket: Socket; providerSocket: Socket };

/** Both online, the provider Available; rings, answers, and starts the text clock (the customer's second message). */
async function startTextSession(scene: Scene): Promise<Call> {
  const providerSocket = await pool.connect(server.url, scene.provider.client);
  const customerSocket = await pool.connect(server.url, scene.customer.client);
  expect((await scene.provider.client.request("PUT", "/api/v1/me/status", { status: "available" })).status).toBe(200);
  const ringing = nextEvent(providerSocket, "call:ringing");
  const started = await ask(customerSocket, "call:start", { orderId: scene.order.id });
  expect(started.ok, JSON.stringify(started)).toBe(true);
  const { sessionId } = await ringing;
  expect((await ask(providerSocket, "call:answer", { sessionId })).ok).toBe(true);
  await ask(customerSocket, "chat:send", { orderId: scene.order.id, body: "Hello" });
  await ask(customerSocket, "chat:send", { orderId: scene.order.id, body: "My question is…" });
  const session = await readSession(sessionId);
  expect(session.clockStartedAt).not.toBeNull();
  return { sessionId, customerSocket, providerSocket };
}

/**
 * Moves the clock `seconds` (in steps short enough for presence) with both parties heard
 * after each step, so the metering has evidence of the service up to the new instant.
 */
async function runFor(call: Call, seconds: number) {
  for (let left = seconds; left > 0; left -= Math.min(left, 15)) {
    clockMs += Math.min(left, 15) * 1000;
    const acks = await Promise.all(
      [call.customerSocket, call.providerSocket].flatMap((socket) => [ask(socket, "heartbeat"), ask(socket, "session:heartbeat", { sessionId: call.sessionId })]),
    );
    // Every heartbeat must be heard: the metering charges only up to the evidence.
    for (const ack of acks) expect(ack.error, JSON.stringify(ack)).toBeUndefined();
  }
}

/** Waits for the metering loop to have caught up with the clock (nothing due any more). */
function settled(sessionId: string) {
  return waitUntil(
    () => readSession(sessionId),
    (s) => s.status !== "live" || (s.nextChargeAt !== null && s.nextChargeAt.getTime() > clockMs),
  );
}

async function endSession(call: Call) {
  const ended = await ask(call.customerSocket, "session:end", { sessionId: call.sessionId });
  expect(ended.ok, JSON.stringify(ended)).toBe(true);
  call.customerSocket.close();
  call.providerSocket.close();
  return readSession(call.sessionId);
}

describe("offering and buying a package", () => {
  it("is moderated, bought into its own hold once per key, one active per order, and refused without the money", async () => {
    const scene = await setUpScene({ blockPriceMinor: 1_000n, fundMinor: 5_000 });
    const offered = await scene.provider.client.post(`/api/v1/tweeps/${scene.tweep.id}/packages`, { minutes: 10, priceMinor: 3_000, validityDays: 30 });
    expect(offered.status).toBe(201);
    expect(offered.json.package).toMatchObject({ minutes: 10, priceMinor: 3_000, validityDays: 30, status: "pending" });
    const packageId = offered.json.package.id as string;

    // Not on sale before a moderator approves it; nobody but the owner offers on a tweep.
    expect((await scene.customer.client.get(`/api/v1/orders/${scene.order.id}/packages`)).json.offered).toEqual([]);
    const early = await scene.customer.client.post(`/api/v1/orders/${scene.order.id}/packages`, { packageId });
    expect(early.json.error.code).toBe("invalid_state");
    expect((await scene.customer.client.post(`/api/v1/tweeps/${scene.tweep.id}/packages`, { minutes: 1, priceMinor: 1, validityDays: 1 })).status).toBe(404);
    expect((await scene.provider.client.post(`/api/v1/tweeps/${scene.tweep.id}/packages`, { minutes: 0, priceMinor: 1, validityDays: 1 })).status).toBe(400);
    expect((await scene.provider.client.post(`/api/v1/moderation/packages/${packageId}`, { decision: "approve" })).status).toBe(403);
    const queue = await moderator.client.get("/api/v1/moderation/packages");
    expect(queue.json.items.map((p: { id: string }) => p.id)).toContain(packageId);
    expect((await moderator.client.post(`/api/v1/moderation/packages/${packageId}`, { decision: "approve" })).json.package.status).toBe("approved");
    expect((await moderator.client.post(`/api/v1/moderation/packages/${packageId}`, { decision: "approve" })).json.error.code).toBe("invalid_state");

    // 5 000 − 1 000 (the order's prepaid block) = 4 000; the package takes 3 000 into its own hold.
    const key = { "Idempotency-Key": "buy-once" };
    const bought = await scene.customer.client.post(`/api/v1/orders/${scene.order.id}/packages`, { packageId, autoRenew: false }, key);
    expect(bought.status).toBe(201);
    expect(bought.json.purchase).toMatchObject({ minutes: 10, minutesLeft: 10, priceMinor: 3_000, status: "active", autoRenew: false });
    expect(Date.parse(bought.json.purchase.validUntil) - clockMs).toBe(30 * 24 * 3600 * 1000);
    const again = await scene.customer.client.post(`/api/v1/orders/${scene.order.id}/packages`, { packageId, autoRenew: false }, key);
    expect(again.json.purchase.id).toBe(bought.json.purchase.id);
    expect(await balance(scene.customer.user.id)).toBe(1_000n);
    expect(await holdOf(bought.json.purchase.id)).toBe(3_000n);

    const second = await scene.customer.client.post(`/api/v1/orders/${scene.order.id}/packages`, { packageId });
    expect(second.status).toBe(409);
    expect(second.json.error.details.reason).toBe("package_active");
    const stranger = await registerUser(server);
    expect((await stranger.client.post(`/api/v1/orders/${scene.order.id}/packages`, { packageId })).status).toBe(404);
    const listed = await scene.provider.client.get(`/api/v1/orders/${scene.order.id}/packages`);
    expect(listed.json).toMatchObject({ offered: [{ id: packageId }], purchases: [{ id: bought.json.purchase.id, minutesLeft: 10 }] });

    // A customer who cannot pay is told the shortfall and nothing moves.
    const poor = await setUpScene({ blockPriceMinor: 1_000n, fundMinor: 1_500 });
    const poorPackage = await offerApproved(poor, { minutes: 10, priceMinor: 3_000, validityDays: 30 });
    const refused = await poor.customer.client.post(`/api/v1/orders/${poor.order.id}/packages`, { packageId: poorPackage.id });
    expect(refused.json.error).toMatchObject({ code: "insufficient_funds", details: { shortfallMinor: 2_500 } });
    expect(await balance(poor.customer.user.id)).toBe(500n);
    expect((await poor.customer.client.get(`/api/v1/orders/${poor.order.id}/packages`)).json.purchases).toEqual([]);
  });
});

describe("drawing minutes in a session", () => {
  it("draws per started minute of clock time, pays each minute to the provider as drawn, and shows the minutes left", async () => {
    const scene = await setUpScene({ blockPriceMinor: 1_000n, fundMinor: 5_000 });
    const offer = await offerApproved(scene, { minutes: 5, priceMinor: 1_500, validityDays: 30 });
    const purchase = await buy(scene, offer.id);
    const customerBefore = await balance(scene.customer.user.id);
    const providerBefore = await pending(scene.provider.user.id);
    const providerAvailableBefore = await balance(scene.provider.user.id);
    const commissionBefore = await commission();

    const call = await startTextSession(scene);
    expect(await readSession(call.sessionId)).toMatchObject({ packagePurchaseId: purchase.id, packageMinutesLeft: 5, usesPrepaidBlock: false });
    // Under 10 s of clock nothing is drawn (SPEC 18 short sessions).
    await runFor(call, 5);
    await settled(call.sessionId);
    expect((await readSession(call.sessionId)).minutesDrawn).toBe(0);

    // Minute 0 once the clock passed 10 s: 300 from the hold, 240 to the provider, 60 commission.
    const updated = nextEvent(call.customerSocket, "session:updated", (s) => s.minutesDrawn === 1, 30_000);
    await runFor(call, 6);
    expect(await updated).toMatchObject({ packageMinutesLeft: 4, blocksCharged: 0 });
    expect(await holdOf(purchase.id)).toBe(1_200n);
    expect(await pending(scene.provider.user.id)).toBe(providerBefore + 240n);
    expect(await commission()).toBe(commissionBefore + 60n);

    // 60 s of clock is still the first minute; 60 s and a bit starts the second.
    await runFor(call, 49);
    await settled(call.sessionId);
    expect((await readSession(call.sessionId)).minutesDrawn).toBe(1);
    await runFor(call, 1);
    await waitUntil(() => readSession(call.sessionId), (s) => s.minutesDrawn === 2);

    // Ending at 2:01 of clock draws the third started minute, and charges no block.
    await runFor(call, 60);
    const ended = await endSession(call);
    expect(ended).toMatchObject({ status: "ended", minutesDrawn: 3, blocksCharged: 0, packageMinutesLeft: 2 });
    expect(await readPurchase(purchase.id)).toMatchObject({ status: "active", minutesLeft: 2 });
    expect(await balance(scene.customer.user.id)).toBe(customerBefore);
    expect(await pending(scene.provider.user.id)).toBe(providerBefore + 3n * 240n);
    expect(await holdOf(purchase.id)).toBe(600n);
    // Each drawn minute is a pending earning of the session (no block index), clearing from its due instant.
    const earnings = await server.ctx.db.select().from(pendingEarnings).where(eq(pendingEarnings.sessionId, call.sessionId));
    expect(earnings.map((e) => ({ blockIndex: e.blockIndex, netMinor: e.netMinor, status: e.status }))).toEqual(
      [0, 1, 2].map(() => ({ blockIndex: null, netMinor: 240n, status: "pending" })),
    );
    expect(new Set(earnings.map((e) => e.sourceKey))).toEqual(new Set([0, 1, 2].map((i) => `session:${call.sessionId}:minute:${i}`)));
    expect(await balance(scene.provider.user.id)).toBe(providerAvailableBefore);
    // The order's prepaid block was not used by a package session.
    const order = await scene.customer.client.get(`/api/v1/orders/${scene.order.id}`);
    expect(order.json.order).toMatchObject({ prepaidBlockUsed: false, heldMinor: 1_000 });
  });

  it("a session under 10 seconds draws nothing", async () => {
    const scene = await setUpScene({ blockPriceMinor: 1_000n, fundMinor: 5_000 });
    const purchase = await buy(scene, (await offerApproved(scene, { minutes: 5, priceMinor: 1_500, validityDays: 30 })).id);
    const call = await startTextSession(scene);
    await runFor(call, 9);
    const ended = await endSession(call);
    expect(ended).toMatchObject({ minutesDrawn: 0, blocksCharged: 0 });
    expect(await holdOf(purchase.id)).toBe(1_500n);
  });
});

describe("when a package runs out", () => {
  it("by minutes inside a session: the rest of the hold goes to the provider, blocks follow from the balance with the usual warning", async () => {
    // 4 000 after the order's prepaid block; the package takes 1 001, leaving 2 999: two blocks, not three.
    const scene = await setUpScene({ blockPriceMinor: 1_000n, fundMinor: 5_000 });
    const purchase = await buy(scene, (await offerApproved(scene, { minutes: 2, priceMinor: 1_001, validityDays: 30 })).id);
    expect(await balance(scene.customer.user.id)).toBe(2_999n);
    const providerBefore = await pending(scene.provider.user.id);
    const call = await startTextSession(scene);

    await runFor(call, 65);
    await waitUntil(() => readSession(call.sessionId), (s) => s.minutesDrawn === 2);
    expect(await readPurchase(purchase.id)).toMatchObject({ status: "used_up", minutesLeft: 0 });
    // Two minutes of 500 each, and the 1 left by rounding with the end of the package.
    expect(await holdOf(purchase.id)).toBe(0n);
    expect(await pending(scene.provider.user.id)).toBe(providerBefore + 400n + 400n + 1n);

    // Minute 2 finds no package: block 0 from the balance from 2:00 of clock, at once.
    const fallback = nextEvent(call.customerSocket, "session:updated", (s) => s.blocksCharged === 1, 30_000);
    await runFor(call, 60);
    const view = await fallback;
    expect(view).toMatchObject({ minutesDrawn: 2, packageMinutesLeft: null });
    expect((await readSession(call.sessionId)).blocksFromClockMs).toBe(120_000);
    expect(await balance(scene.customer.user.id)).toBe(1_999n);

    // Block 1 (from 7:00 of clock) is paid; block 2 (12:00) is not: warned 30 s before, then cut off at it.
    await runFor(call, 300);
    await waitUntil(() => readSession(call.sessionId), (s) => s.blocksCharged === 2);
    // Listening from just before each is due: moving the clock step by step takes a while.
    await runFor(call, 260);
    const warning = nextEvent(call.customerSocket, "session:low-balance", () => true, 30_000);
    await runFor(call, 15);
    expect(await warning).toMatchObject({ sessionId: call.sessionId, blockPriceMinor: 1_000, balanceMinor: 999 });
    const cutOff = nextEvent(call.customerSocket, "session:updated", (s) => s.status === "ended", 30_000);
    await runFor(call, 25);
    const ended = await cutOff;
    expect(ended).toMatchObject({ endReason: "insufficient_funds", blocksCharged: 2 });
    expect(Date.parse(ended.endedAt) - Date.parse(ended.clockStartedAt)).toBe(720_000);
    expect(await balance(scene.customer.user.id)).toBe(999n);
    call.customerSocket.close();
    call.providerSocket.close();
  });

  it("warns before the package's last minute when the balance will not pay a block", async () => {
    const scene = await setUpScene({ blockPriceMinor: 1_000n, fundMinor: 1_600 });
    await buy(scene, (await offerApproved(scene, { minutes: 2, priceMinor: 500, validityDays: 30 })).id);
    expect(await balance(scene.customer.user.id)).toBe(100n);
    const call = await startTextSession(scene);
    await runFor(call, 75);
    await settled(call.sessionId);
    const warning = nextEvent(call.customerSocket, "session:low-balance", () => true, 30_000);
    const cutOff = nextEvent(call.customerSocket, "session:updated", (s) => s.status === "ended", 30_000);
    // The package runs out at 2:00 of clock; the warning is due 30 s before.
    await runFor(call, 20);
    expect(await warning).toMatchObject({ sessionId: call.sessionId, balanceMinor: 100 });
    await runFor(call, 30);
    expect(await cutOff).toMatchObject({ endReason: "insufficient_funds", minutesDrawn: 2, blocksCharged: 0 });
    call.customerSocket.close();
    call.providerSocket.close();
  });

  it("by validity inside a session, before its minutes: expired, the rest to the provider, blocks follow", async () => {
    const scene = await setUpScene({ blockPriceMinor: 1_000n, fundMinor: 5_000 });
    const purchase = await buy(scene, (await offerApproved(scene, { minutes: 10, priceMinor: 2_000, validityDays: 1 })).id);
    const providerBefore = await pending(scene.provider.user.id);
    // The session starts 70 s before the package's validity ends.
    clockMs = Date.parse(purchase.validUntil) - 70_000;
    const call = await startTextSession(scene);
    await runFor(call, 65);
    await waitUntil(() => readSession(call.sessionId), (s) => s.minutesDrawn === 2);
    expect(await readPurchase(purchase.id)).toMatchObject({ status: "active", minutesLeft: 8 });
    // Minute 2 falls due after the validity ended: the package expires with 8 minutes unused.
    await runFor(call, 60);
    await waitUntil(() => readSession(call.sessionId), (s) => s.blocksCharged === 1);
    expect(await readPurchase(purchase.id)).toMatchObject({ status: "expired", minutesLeft: 8 });
    expect(await holdOf(purchase.id)).toBe(0n);
    // 2 × 200 drawn, then the rest (1 600) at expiry, each less 20 %; then block 0 from the balance.
    expect(await pending(scene.provider.user.id)).toBe(providerBefore + 2n * 160n + 1_280n + 800n);
    expect((await readSession(call.sessionId)).blocksFromClockMs).toBe(120_000);
    await endSession(call);
  });

  it("by validity with no session: the expiry loop ends it and pays the whole hold to the provider", async () => {
    const scene = await setUpScene({ blockPriceMinor: 1_000n, fundMinor: 5_000 });
    const purchase = await buy(scene, (await offerApproved(scene, { minutes: 10, priceMinor: 2_000, validityDays: 1 })).id);
    const providerBefore = await pending(scene.provider.user.id);
    clockMs = Date.parse(purchase.validUntil) - 1_000;
    expect((await expirePackages(server.ctx)).expired).toBe(0);
    clockMs += 1_000;
    await waitUntil(() => readPurchase(purchase.id), (p) => p.status === "expired");
    expect(await holdOf(purchase.id)).toBe(0n);
    expect(await pending(scene.provider.user.id)).toBe(providerBefore + 1_600n);
  });
});

describe("automatic renewal", () => {
  it("buys the same package again when it runs out, and the session draws on from the renewal", async () => {
    const scene = await setUpScene({ blockPriceMinor: 1_000n, fundMinor: 3_000 });
    const offer = await offerApproved(scene, { minutes: 1, priceMinor: 600, validityDays: 30 });
    const first = await buy(scene, offer.id, true);
    expect(await balance(scene.customer.user.id)).toBe(1_400n);
    const call = await startTextSession(scene);
    await runFor(call, 15);
    // Minute 0 used the package up: renewed from the balance at once.
    await waitUntil(() => readPurchase(first.id), (p) => p.status === "used_up");
    const listed = await scene.customer.client.get(`/api/v1/orders/${scene.order.id}/packages`);
    const renewal = listed.json.purchases.find((p: { renewalOfId: string | null }) => p.renewalOfId === first.id);
    expect(renewal).toMatchObject({ status: "active", minutesLeft: 1, autoRenew: true, priceMinor: 600 });
    expect(await balance(scene.customer.user.id)).toBe(800n);
    expect((await readSession(call.sessionId)).packageMinutesLeft).toBe(1);

    // Minute 1 from the renewal, which renews again (800 ≥ 600); minute 2 from that one.
    await runFor(call, 50);
    await waitUntil(() => readSession(call.sessionId), (s) => s.minutesDrawn === 2);
    expect(await readPurchase(renewal.id)).toMatchObject({ status: "used_up" });
    expect(await balance(scene.customer.user.id)).toBe(200n);
    // The third renewal is not affordable (200 < 600): minute 3 falls back to blocks, which 200 cannot pay.
    await runFor(call, 120);
    const ended = await waitUntil(() => readSession(call.sessionId), (s) => s.status === "ended");
    expect(ended).toMatchObject({ minutesDrawn: 3, blocksCharged: 0, endReason: "insufficient_funds", blocksFromClockMs: 180_000 });
    const after = await scene.customer.client.get(`/api/v1/orders/${scene.order.id}/packages`);
    expect(after.json.purchases.map((p: { status: string }) => p.status)).toEqual(["used_up", "used_up", "used_up"]);
    expect(await balance(scene.customer.user.id)).toBe(200n);
    call.customerSocket.close();
    call.providerSocket.close();
  });
});

describe("one package, several sessions", () => {
  it("sessions one after another share its minutes; concurrent draws and the expiry loop never draw a minute twice", async () => {
    const scene = await setUpScene({ blockPriceMinor: 1_000n, fundMinor: 5_000 });
    const purchase = await buy(scene, (await offerApproved(scene, { minutes: 3, priceMinor: 900, validityDays: 1 })).id);
    const providerBefore = await pending(scene.provider.user.id);

    const first = await startTextSession(scene);
    await runFor(first, 65);
    await endSession(first);
    expect(await readPurchase(purchase.id)).toMatchObject({ minutesLeft: 1 });

    // The second session starts 30 s before the validity ends; its minute 0 (due 20 s before)
    // is the package's last. The clock then passes the validity, and several processes' loops
    // race for the package at once: the metering twice, and the expiry. Either the minute is
    // drawn (used up) or the package expires first (its rest paid, blocks follow): never both,
    // and the provider gets the same either way.
    clockMs = Date.parse(purchase.validUntil) - 30_000;
    const second = await startTextSession(scene);
    expect((await readSession(second.sessionId)).packageMinutesLeft).toBe(1);
    clockMs += 35_000;
    await Promise.all([second.customerSocket, second.providerSocket].map((s) => ask(s, "session:heartbeat", { sessionId: second.sessionId })));
    const now = new Date(clockMs);
    await Promise.all([
      withTransaction(server.ctx.db, (tx) => advanceSession(tx, server.ctx.config, second.sessionId, now)),
      withTransaction(server.ctx.db, (tx) => advanceSession(tx, server.ctx.config, second.sessionId, now)),
      expirePackages(server.ctx),
    ]);
    const session = await readSession(second.sessionId);
    const ended = await readPurchase(purchase.id);
    expect(ended.minutesLeft).toBe(1 - session.minutesDrawn);
    if (session.minutesDrawn === 1) expect(ended.status).toBe("used_up");
    else expect({ status: ended.status, blocksCharged: session.blocksCharged, blocksFromClockMs: session.blocksFromClockMs }).toEqual({ status: "expired", blocksCharged: 1, blocksFromClockMs: 0 });
    const blocks = BigInt((await endSession(second)).blocksCharged);
    // Three minutes of 300, each less 20 %: nothing more, nothing twice.
    expect(await pending(scene.provider.user.id)).toBe(providerBefore + 3n * 240n + blocks * 800n);
    expect(await holdOf(purchase.id)).toBe(0n);
  });
});

describe("giving back on a package session", () => {
  it("an upheld session report gives back the blocks charged from the balance, never a drawn minute", async () => {
    const scene = await setUpScene({ blockPriceMinor: 1_000n, fundMinor: 5_000 });
    const purchase = await buy(scene, (await offerApproved(scene, { minutes: 1, priceMinor: 500, validityDays: 30 })).id);
    expect(await balance(scene.customer.user.id)).toBe(3_500n);
    const call = await startTextSession(scene);
    await runFor(call, 11);
    await waitUntil(() => readSession(call.sessionId), (s) => s.minutesDrawn === 1);
    expect(await readPurchase(purchase.id)).toMatchObject({ status: "used_up" });
    // Minute 1 finds no package: block 0 from the balance.
    await runFor(call, 50);
    await waitUntil(() => readSession(call.sessionId), (s) => s.blocksCharged === 1);
    const ended = await endSession(call);
    expect(ended).toMatchObject({ minutesDrawn: 1, blocksCharged: 1 });
    expect(await balance(scene.customer.user.id)).toBe(2_500n);

    const reported = await scene.customer.client.post(`/api/v1/sessions/${call.sessionId}/reports`, { reason: "provider_absent" });
    expect(reported.status).toBe(201);
    const upheld = await moderator.client.post(`/api/v1/moderation/reports/${reported.json.report.id}/uphold`, { reason: "Upheld" });
    expect(upheld.status).toBe(200);
    // The block (1 000) comes back; the drawn minute (500) stays with the provider, still pending.
    expect(upheld.json.report).toMatchObject({ status: "upheld", refundedMinor: 1_000 });
    expect(await balance(scene.customer.user.id)).toBe(3_500n);
    const earnings = await server.ctx.db.select().from(pendingEarnings).where(eq(pendingEarnings.sessionId, call.sessionId));
    expect(earnings.map((e) => ({ blockIndex: e.blockIndex, status: e.status })).sort((a, b) => String(a.blockIndex).localeCompare(String(b.blockIndex)))).toEqual([
      { blockIndex: 0, status: "reversed" },
      { blockIndex: null, status: "pending" },
    ]);
  });

  it("a poor connection is credited for blocks charged from the balance only; time paid by minutes is not measured", async () => {
    const scene = await setUpScene({ blockPriceMinor: 1_000n, fundMinor: 5_000 });
    await buy(scene, (await offerApproved(scene, { minutes: 1, priceMinor: 500, validityDays: 30 })).id);
    const call = await startTextSession(scene);
    await runFor(call, 11);
    await waitUntil(() => readSession(call.sessionId), (s) => s.minutesDrawn === 1);
    const quality = () => server.ctx.db.select().from(sessionBlockQuality).where(eq(sessionBlockQuality.sessionId, call.sessionId));
    // A frozen second inside the package's minute: nothing recorded, nothing to credit.
    await recordMediaQuality(server.ctx, { sessionId: call.sessionId, at: new Date(clockMs), observedMs: 1_000, impairedMs: 1_000 });
    expect(await quality()).toEqual([]);
    // After the package, block 0 from the balance starts at 1:00 of clock: a frozen second there is its block 0.
    await runFor(call, 50);
    await waitUntil(() => readSession(call.sessionId), (s) => s.blocksCharged === 1);
    await recordMediaQuality(server.ctx, { sessionId: call.sessionId, at: new Date(clockMs), observedMs: 1_000, impairedMs: 1_000 });
    expect((await quality()).map((q) => q.blockIndex)).toEqual([0]);
    expect(await balance(scene.customer.user.id)).toBe(2_500n);
    const ended = await endSession(call);
    // The block is credited back to the balance; the drawn minute stays pending for the provider.
    expect(ended).toMatchObject({ minutesDrawn: 1, blocksCharged: 1, blocksCredited: 1 });
    expect(await balance(scene.customer.user.id)).toBe(3_500n);
    const earnings = await server.ctx.db.select().from(pendingEarnings).where(eq(pendingEarnings.sessionId, call.sessionId));
    expect(earnings.find((e) => e.blockIndex === null)).toMatchObject({ status: "pending" });
  });
});
