import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disputes, ledgerEntries, ledgerTransactions, orders, tweeps } from "../../db/schema.ts";
import { readPendingEarningsMinor, readUserBalanceMinor } from "../../server/domain/ledger/ledger-accounts.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { autoAcceptOrders } from "../../server/domain/orders/auto-accept-orders.ts";
import { readHeldMinor } from "../../server/domain/orders/order-access.ts";
import { makeAdmin, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";
import { readCommissionBalanceMinor } from "../../server/domain/ledger/commission-shards.ts";

let server: TestServer;
let moderator: Awaited<ReturnType<typeof registerUser>>;
beforeAll(async () => {
  server = await startTestServer({}, { rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } });
  moderator = await registerUser(server);
  await makeAdmin(server, moderator.user.id);
});
afterAll(async () => {
  expect(await verifyLedger(server.ctx.db)).toMatchObject({ ok: true, accountsSumMinor: 0, entriesSumMinor: 0 });
  await server?.stop();
});

const balance = (userId: string) => readUserBalanceMinor(server.ctx.db, userId);
// SPEC 17: what a provider earned is pending first; these tests count it whether pending or available.
const earned = async (userId: string) => (await balance(userId)) + (await readPendingEarningsMinor(server.ctx.db, userId));
const held = (orderId: string) => readHeldMinor(server.ctx.db, orderId);
const commission = () => readCommissionBalanceMinor(server.ctx.db);
async function entryCount() {
  return (await server.ctx.db.select({ n: sql<number>`count(*)::int` }).from(ledgerEntries))[0]!.n;
}

async function placeOrder(type: "work" | "files" | "consultation", priceMinor: bigint) {
  const provider = await registerUser(server);
  const customer = await registerUser(server);
  const [tweep] = await server.ctx.db
    .insert(tweeps)
    .values({
      providerId: provider.user.id,
      type,
      status: "published",
      languages: ["ru"],
      title: { ru: "Тест" },
      description: { ru: "Тест" },
      category: "other",
      ...(type === "consultation" ? { videoPriceMinor: priceMinor } : { priceMinor }),
      publishedAt: new Date(),
    })
    .returning();
  await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 500_000 });
  const placed = await customer.client.post("/api/v1/orders", { tweepId: tweep!.id, ...(type === "consultation" ? { medium: "video" } : {}) });
  expect(placed.status).toBe(201);
  return { provider, customer, order: placed.json.order as { id: string } };
}

describe("opening disputes", () => {
  it("either party opens one at a time; it freezes the held money", async () => {
    const { customer, provider, order } = await placeOrder("work", 100_001n);
    const opened = await customer.client.post(`/api/v1/orders/${order.id}/disputes`, { reason: "No answer for a week" });
    expect(opened.status).toBe(201);
    expect(opened.json.dispute).toMatchObject({ orderId: order.id, openedBy: customer.user.id, status: "open" });
    const second = await provider.client.post(`/api/v1/orders/${order.id}/disputes`, { reason: "Me too" });
    expect([second.status, second.json.error.code]).toEqual([409, "conflict"]);
    expect(await server.ctx.db.select().from(disputes).where(eq(disputes.orderId, order.id))).toHaveLength(1);

    const card = await customer.client.get(`/api/v1/orders/${order.id}`);
    expect(card.json.order).toMatchObject({ openDisputeId: opened.json.dispute.id, heldMinor: 100_001 });
    expect((await provider.client.get(`/api/v1/orders/${order.id}`)).json.order.actions).toEqual(["deliver"]);

    // Money-moving transitions are refused; the hold stays.
    const entries = await entryCount();
    const refuse = await provider.client.post(`/api/v1/orders/${order.id}/refuse`);
    expect([refuse.status, refuse.json.error.code, refuse.json.error.details]).toEqual([409, "invalid_state", { openDisputeId: opened.json.dispute.id }]);
    expect((await provider.client.post(`/api/v1/orders/${order.id}/deliver`)).status).toBe(200);
    const accept = await customer.client.post(`/api/v1/orders/${order.id}/accept`);
    expect([accept.status, accept.json.error.code]).toEqual([409, "invalid_state"]);
    const [row] = await server.ctx.db.select().from(orders).where(eq(orders.id, order.id));
    expect(row!.status).toBe("delivered");
    // Nor does the auto-accept loop release it.
    const late = new Date(row!.autoAcceptAt!.getTime() + 1);
    expect((await autoAcceptOrders(server.ctx, late)).accepted).not.toContain(order.id);
    expect(await held(order.id)).toBe(100_001n);
    expect(await entryCount()).toBe(entries);
  });

  it("lists disputes for both parties; moderators see all, open first and oldest first", async () => {
    const a = await placeOrder("work", 1_000n);
    const b = await placeOrder("consultation", 2_000n);
    const first = (await a.customer.client.post(`/api/v1/orders/${a.order.id}/disputes`, { reason: "first" })).json.dispute.id;
    const secondAnswer = await b.provider.client.post(`/api/v1/orders/${b.order.id}/disputes`, { reason: "second" });
    expect(secondAnswer.status).toBe(201);
    const second = secondAnswer.json.dispute.id;
    expect((await a.provider.client.get("/api/v1/disputes")).json.items.map((d: { id: string }) => d.id)).toEqual([first]);
    expect((await b.customer.client.get("/api/v1/disputes")).json.items.map((d: { id: string }) => d.id)).toEqual([second]);
    const forbidden = await a.customer.client.get("/api/v1/moderation/disputes");
    expect([forbidden.status, forbidden.json.error.code]).toEqual([403, "forbidden"]);

    // Resolve the first; the queue shows open ones first (oldest first), resolved after.
    expect((await moderator.client.post(`/api/v1/moderation/disputes/${first}/resolve`, { toProviderMinor: 0, toCustomerMinor: 1_000, reason: "refund" })).status).toBe(200);
    const queue = (await moderator.client.get("/api/v1/moderation/disputes")).json.items as { id: string; status: string; createdAt: string }[];
    const openOnes = queue.filter((d) => d.status === "open");
    expect(queue.slice(0, openOnes.length)).toEqual(openOnes);
    expect(openOnes.map((d) => d.createdAt)).toEqual([...openOnes.map((d) => d.createdAt)].sort());
    expect(openOnes.map((d) => d.id)).toContain(second);
    expect(queue.find((d) => d.id === first)?.status).toBe("resolved");
    const onlyOpen = (await moderator.client.get("/api/v1/moderation/disputes?status=open")).json.items as { id: string; status: string }[];
    expect(onlyOpen.map((d) => d.status)).toEqual(openOnes.map(() => "open"));
    expect(onlyOpen.map((d) => d.id)).not.toContain(first);
  });

  it("keeps the correspondence to the parties and moderators", async () => {
    const { customer, provider, order } = await placeOrder("work", 5_000n);
    const stranger = await registerUser(server);
    const dispute = (await customer.client.post(`/api/v1/orders/${order.id}/disputes`, { reason: "late" })).json.dispute.id;
    expect((await customer.client.post(`/api/v1/disputes/${dispute}/messages`, { body: "It is late" })).status).toBe(201);
    expect((await provider.client.post(`/api/v1/disputes/${dispute}/messages`, { body: "Almost done" })).status).toBe(201);
    expect((await moderator.client.post(`/api/v1/disputes/${dispute}/messages`, { body: "Please send a draft" })).status).toBe(201);
    for (const answer of [
      await stranger.client.get(`/api/v1/disputes/${dispute}/messages`),
      await stranger.client.post(`/api/v1/disputes/${dispute}/messages`, { body: "hello" }),
    ]) {
      expect([answer.status, answer.json.error.code]).toEqual([404, "not_found"]);
    }
    expect((await stranger.client.get("/api/v1/disputes")).json.items).toEqual([]);
    const thread = await provider.client.get(`/api/v1/disputes/${dispute}/messages`);
    expect(thread.json.dispute.id).toBe(dispute);
    expect(thread.json.items.map((m: { body: string }) => m.body)).toEqual(["It is late", "Almost done", "Please send a draft"]);
    expect((await moderator.client.get(`/api/v1/disputes/${dispute}/messages`)).json.items).toHaveLength(3);
  });
});

describe("a dispute racing an accept", () => {
  it("either the accept released the money before the dispute, or the dispute froze it", async () => {
    for (let round = 0; round < 3; round++) {
      const { customer, provider, order } = await placeOrder("work", 9_000n);
      await provider.client.post(`/api/v1/orders/${order.id}/deliver`);
      const [accept, dispute] = await Promise.all([
        customer.client.post(`/api/v1/orders/${order.id}/accept`),
        provider.client.post(`/api/v1/orders/${order.id}/disputes`, { reason: "race" }),
      ]);
      expect(dispute.status).toBe(201);
      const [row] = await server.ctx.db.select().from(orders).where(eq(orders.id, order.id));
      if (accept.status === 200) {
        expect([row!.status, await held(order.id), await earned(provider.user.id)]).toEqual(["accepted", 0n, 7_200n]);
      } else {
        expect([accept.status, row!.status, await held(order.id), await earned(provider.user.id)]).toEqual([409, "delivered", 9_000n, 0n]);
      }
    }
  });
});

describe("resolving disputes", () => {
  it("splits an odd amount 1/3 to the provider, 2/3 to the customer, to the minor unit, in one ledger transaction", async () => {
    const { customer, provider, order } = await placeOrder("work", 100_001n);
    const dispute = (await customer.client.post(`/api/v1/orders/${order.id}/disputes`, { reason: "half done" })).json.dispute.id;
    const before = { customer: await balance(customer.user.id), provider: await earned(provider.user.id), commission: await commission() };

    const entries = await entryCount();
    for (const [toProviderMinor, toCustomerMinor] of [[33_333, 66_667], [33_334, 66_668], [0, 0], [100_001, 1]]) {
      const wrong = await moderator.client.post(`/api/v1/moderation/disputes/${dispute}/resolve`, { toProviderMinor, toCustomerMinor, reason: "x" });
      expect([wrong.status, wrong.json.error.code, wrong.json.error.details]).toEqual([400, "validation_failed", { heldMinor: 100_001 }]);
    }
    for (const body of [{ toProviderMinor: -1, toCustomerMinor: 100_002, reason: "x" }, { toProviderMinor: 1, toCustomerMinor: 100_000 }, { toProviderMinor: 0.5, toCustomerMinor: 100_000.5, reason: "x" }]) {
      expect((await moderator.client.post(`/api/v1/moderation/disputes/${dispute}/resolve`, body)).status).toBe(400);
    }
    expect(await entryCount()).toBe(entries);
    expect((await server.ctx.db.select().from(disputes).where(eq(disputes.id, dispute)))[0]!.status).toBe("open");

    const resolved = await moderator.client.post(`/api/v1/moderation/disputes/${dispute}/resolve`, {
      toProviderMinor: 33_334,
      toCustomerMinor: 66_667,
      reason: "A third of the work was delivered",
    });
    expect(resolved.status).toBe(200);
    expect(resolved.json.dispute).toMatchObject({ status: "resolved", toProviderMinor: 33_334, toCustomerMinor: 66_667, resolvedBy: moderator.user.id, order: { status: "accepted" } });
    expect(await held(order.id)).toBe(0n);
    expect((await earned(provider.user.id)) - before.provider).toBe(26_668n); // 33_334 − floor(6_666.8)
    expect((await commission()) - before.commission).toBe(6_666n);
    expect((await balance(customer.user.id)) - before.customer).toBe(66_667n);
    const transactions = await server.ctx.db
      .select()
      .from(ledgerTransactions)
      .where(and(eq(ledgerTransactions.orderId, order.id), eq(ledgerTransactions.kind, "dispute_resolution")));
    expect(transactions).toEqual([expect.objectContaining({ memo: "A third of the work was delivered" })]);
    const legs = await server.ctx.db.select().from(ledgerEntries).where(eq(ledgerEntries.transactionId, transactions[0]!.id));
    expect(legs.reduce((sum, leg) => sum + leg.amountMinor, 0n)).toBe(0n);
    expect(legs).toHaveLength(4);
    const [row] = await server.ctx.db.select().from(orders).where(eq(orders.id, order.id));
    expect(row!.status).toBe("accepted");
    const sale = (await provider.client.get("/api/v1/orders?as=provider")).json.items[0];
    expect(sale).toMatchObject({ grossMinor: 33_334, commissionMinor: 6_666, netMinor: 26_668 });

    const again = await moderator.client.post(`/api/v1/moderation/disputes/${dispute}/resolve`, { toProviderMinor: 0, toCustomerMinor: 0, reason: "again" });
    expect([again.status, again.json.error.code]).toEqual([409, "invalid_state"]);
  });

  it("everything back to the customer cancels the order without counting as a refusal", async () => {
    const { customer, provider, order } = await placeOrder("consultation", 45_000n);
    const dispute = (await provider.client.post(`/api/v1/orders/${order.id}/disputes`, { reason: "customer never came" })).json.dispute.id;
    const cancel = await customer.client.post(`/api/v1/orders/${order.id}/cancel`);
    expect(cancel.status).toBe(409);
    const resolved = await moderator.client.post(`/api/v1/moderation/disputes/${dispute}/resolve`, { toProviderMinor: 0, toCustomerMinor: 45_000, reason: "refund" });
    expect(resolved.json.dispute.order.status).toBe("cancelled");
    expect(await balance(customer.user.id)).toBe(500_000n);
    expect(await earned(provider.user.id)).toBe(0n);
  });

  it("lets exactly one of several concurrent resolutions through", async () => {
    const { customer, provider, order } = await placeOrder("work", 60_000n);
    const dispute = (await customer.client.post(`/api/v1/orders/${order.id}/disputes`, { reason: "race" })).json.dispute.id;
    const commissionBefore = await commission();
    const second = await registerUser(server);
    await makeAdmin(server, second.user.id);
    const answers = await Promise.all([
      moderator.client.post(`/api/v1/moderation/disputes/${dispute}/resolve`, { toProviderMinor: 60_000, toCustomerMinor: 0, reason: "to provider" }),
      second.client.post(`/api/v1/moderation/disputes/${dispute}/resolve`, { toProviderMinor: 0, toCustomerMinor: 60_000, reason: "to customer" }),
      moderator.client.post(`/api/v1/moderation/disputes/${dispute}/resolve`, { toProviderMinor: 30_000, toCustomerMinor: 30_000, reason: "split" }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    const txs = await server.ctx.db.select().from(ledgerTransactions).where(and(eq(ledgerTransactions.orderId, order.id), eq(ledgerTransactions.kind, "dispute_resolution")));
    expect(txs).toHaveLength(1);
    expect(await held(order.id)).toBe(0n);
    // Whichever won, the 60_000 held went out exactly once: customer, provider and commission gained 60_000 together.
    const winner = answers.find((a) => a.status === 200)!.json.dispute;
    const gained = (await earned(provider.user.id)) + ((await balance(customer.user.id)) - 440_000n) + ((await commission()) - commissionBefore);
    expect(gained).toBe(60_000n);
    expect((await balance(customer.user.id)) - 440_000n).toBe(BigInt(winner.toCustomerMinor));
  });

  it("files orders hold nothing: only 0/0 with a reason, the order stays paid", async () => {
    const { customer, provider, order } = await placeOrder("files", 10_000n);
    const dispute = (await customer.client.post(`/api/v1/orders/${order.id}/disputes`, { reason: "broken file" })).json.dispute.id;
    const refund = await moderator.client.post(`/api/v1/moderation/disputes/${dispute}/resolve`, { toProviderMinor: 0, toCustomerMinor: 10_000, reason: "refund" });
    expect([refund.status, refund.json.error.details]).toEqual([400, { heldMinor: 0 }]);
    const entries = await entryCount();
    const resolved = await moderator.client.post(`/api/v1/moderation/disputes/${dispute}/resolve`, { toProviderMinor: 0, toCustomerMinor: 0, reason: "The file opens fine" });
    expect(resolved.status).toBe(200);
    expect(resolved.json.dispute).toMatchObject({ status: "resolved", resolutionReason: "The file opens fine", order: { status: "paid" } });
    expect(await entryCount()).toBe(entries);
    expect(await earned(provider.user.id)).toBe(8_000n);
  });

  it("is for moderators only, and not on their own orders", async () => {
    const { customer, provider, order } = await placeOrder("work", 7_000n);
    const dispute = (await customer.client.post(`/api/v1/orders/${order.id}/disputes`, { reason: "x" })).json.dispute.id;
    for (const party of [customer, provider]) {
      const answer = await party.client.post(`/api/v1/moderation/disputes/${dispute}/resolve`, { toProviderMinor: 7_000, toCustomerMinor: 0, reason: "mine" });
      expect([answer.status, answer.json.error.code]).toEqual([403, "forbidden"]);
    }
    await makeAdmin(server, provider.user.id);
    const own = await provider.client.post(`/api/v1/moderation/disputes/${dispute}/resolve`, { toProviderMinor: 7_000, toCustomerMinor: 0, reason: "mine" });
    expect([own.status, own.json.error.code]).toEqual([403, "forbidden"]);
    expect(await held(order.id)).toBe(7_000n);
    expect((await server.ctx.db.select().from(disputes).where(eq(disputes.id, dispute)))[0]!.status).toBe("open");
  });
});
