import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerEntries, ledgerTransactions, orderMessages, orders, reviews, tweeps } from "../../db/schema.ts";
import { readPendingEarningsMinor, readUserBalanceMinor } from "../../server/domain/ledger/ledger-accounts.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { autoAcceptOrders } from "../../server/domain/orders/auto-accept-orders.ts";
import { readHeldMinor } from "../../server/domain/orders/order-access.ts";
import { readProviderRating } from "../../server/domain/reviews/read-provider-rating.ts";
import { makeAdmin, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";
import { readCommissionBalanceMinor } from "../../server/domain/ledger/commission-shards.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } });
});
afterAll(async () => {
  // Every test in this file moved money through the ledger: it must still balance.
  const report = await verifyLedger(server.ctx.db);
  expect(report).toMatchObject({ ok: true, accountsSumMinor: 0, entriesSumMinor: 0 });
  await server?.stop();
});

type Party = Awaited<ReturnType<typeof registerUser>>;
type Prices = { priceMinor?: bigint; videoPriceMinor?: bigint; textPriceMinor?: bigint };

async function publishTweep(providerId: string, type: "consultation" | "work" | "files", prices: Prices, status: "published" | "draft" = "published") {
  const [row] = await server.ctx.db
    .insert(tweeps)
    .values({
      providerId,
      type,
      status,
      languages: ["ru", "en"],
      title: { ru: `Заказ ${type}`, en: `Order ${type}` },
      description: { ru: "Описание", en: "Description" },
      category: "it",
      ...prices,
      publishedAt: status === "published" ? new Date() : null,
    })
    .returning();
  return row!;
}

async function fund(party: Party, amountMinor: number) {
  const answer = await party.client.post("/api/v1/wallet/top-ups", { amountMinor });
  expect(answer.status).toBe(201);
}

const balance = (userId: string) => readUserBalanceMinor(server.ctx.db, userId);
// SPEC 17: what a provider earned is pending first; these tests count it whether pending or available.
const earned = async (userId: string) => (await balance(userId)) + (await readPendingEarningsMinor(server.ctx.db, userId));
const held = (orderId: string) => readHeldMinor(server.ctx.db, orderId);
const commission = () => readCommissionBalanceMinor(server.ctx.db);
async function readOrder(id: string) {
  const [row] = await server.ctx.db.select().from(orders).where(eq(orders.id, id));
  return row!;
}
async function entryCount() {
  return (await server.ctx.db.select({ n: sql<number>`count(*)::int` }).from(ledgerEntries))[0]!.n;
}
/** Everything a refused request must leave as it was. */
async function snapshot(order: { id: string; customerId: string; providerId: string }) {
  const row = await readOrder(order.id);
  return {
    status: row.status,
    updatedAt: row.updatedAt.toISOString(),
    autoAcceptAt: row.autoAcceptAt?.toISOString() ?? null,
    held: await held(order.id),
    customer: await balance(order.customerId),
    provider: await earned(order.providerId),
    commission: await commission(),
    entries: await entryCount(),
  };
}

async function setUp(type: "consultation" | "work" | "files", prices: Prices, fundMinor = 1_000_000) {
  const provider = await registerUser(server);
  const customer = await registerUser(server);
  const tweep = await publishTweep(provider.user.id, type, prices);
  if (fundMinor > 0) await fund(customer, fundMinor);
  return { provider, customer, tweep };
}

async function orderWork(priceMinor = 100_000n) {
  const parties = await setUp("work", { priceMinor });
  const placed = await parties.customer.client.post("/api/v1/orders", { tweepId: parties.tweep.id });
  expect(placed.status).toBe(201);
  return { ...parties, order: placed.json.order as { id: string; customerId: string; providerId: string } };
}

describe("placing orders", () => {
  it("consultation: the first block moves into the order's hold, status open", async () => {
    const { customer, provider, tweep } = await setUp("consultation", { videoPriceMinor: 45_000n, textPriceMinor: 30_000n }, 100_000);
    const placed = await customer.client.post("/api/v1/orders", { tweepId: tweep.id, medium: "text" });
    expect(placed.status).toBe(201);
    expect(placed.json.order).toMatchObject({
      tweepId: tweep.id,
      type: "consultation",
      medium: "text",
      status: "open",
      customerId: customer.user.id,
      providerId: provider.user.id,
      heldMinor: 30_000,
      priceMinor: 30_000,
      actions: ["cancel", "close", "dispute"],
    });
    const row = await readOrder(placed.json.order.id);
    expect(row.status).toBe("open");
    expect(await held(row.id)).toBe(30_000n);
    expect(await balance(customer.user.id)).toBe(70_000n);
    expect(await earned(provider.user.id)).toBe(0n);
  });

  it("work: the full price moves into the hold, status in_progress", async () => {
    const { customer, provider, order } = await orderWork(123_456n);
    expect((await readOrder(order.id)).status).toBe("in_progress");
    expect(await held(order.id)).toBe(123_456n);
    expect(await balance(customer.user.id)).toBe(1_000_000n - 123_456n);
    expect(await earned(provider.user.id)).toBe(0n);
  });

  it("files: the price reaches the provider less 20% commission at once, status paid", async () => {
    const { customer, provider, tweep } = await setUp("files", { priceMinor: 99_999n });
    const before = await commission();
    const placed = await customer.client.post("/api/v1/orders", { tweepId: tweep.id });
    expect(placed.status).toBe(201);
    expect(placed.json.order).toMatchObject({ status: "paid", heldMinor: 0, files: [], links: [] });
    expect(await balance(customer.user.id)).toBe(1_000_000n - 99_999n);
    expect(await earned(provider.user.id)).toBe(80_000n); // 99_999 − floor(19_999.8)
    expect((await commission()) - before).toBe(19_999n);
    const sales = await provider.client.get("/api/v1/orders?as=provider");
    expect(sales.json.items).toEqual([expect.objectContaining({ id: placed.json.order.id, grossMinor: 99_999, commissionMinor: 19_999, netMinor: 80_000 })]);
    const mine = await customer.client.get("/api/v1/orders?as=customer");
    expect(mine.json.items.map((o: { id: string }) => o.id)).toEqual([placed.json.order.id]);
    expect(mine.json.items[0].grossMinor).toBeUndefined();
  });

  it("refuses a short balance with the exact shortfall and creates nothing", async () => {
    const { customer, tweep } = await setUp("work", { priceMinor: 50_000n }, 12_345);
    const ordersBefore = (await server.ctx.db.select({ n: sql<number>`count(*)::int` }).from(orders))[0]!.n;
    const entriesBefore = await entryCount();
    const answer = await customer.client.post("/api/v1/orders", { tweepId: tweep.id });
    expect(answer.status).toBe(409);
    expect(answer.json.error).toMatchObject({ code: "insufficient_funds", details: { shortfallMinor: 37_655 } });
    expect((await server.ctx.db.select({ n: sql<number>`count(*)::int` }).from(orders))[0]!.n).toBe(ordersBefore);
    expect(await server.ctx.db.select().from(orders).where(eq(orders.customerId, customer.user.id))).toEqual([]);
    expect(await entryCount()).toBe(entriesBefore);
    expect(await balance(customer.user.id)).toBe(12_345n);
  });

  it("creates one order for one Idempotency-Key sent three times at once", async () => {
    const { customer, tweep } = await setUp("work", { priceMinor: 10_000n });
    const headers = { "idempotency-key": "order-once-0001" };
    const answers = await Promise.all([1, 2, 3].map(() => customer.client.post("/api/v1/orders", { tweepId: tweep.id }, headers)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json.order.id)).size).toBe(1);
    expect(await server.ctx.db.select().from(orders).where(eq(orders.customerId, customer.user.id))).toHaveLength(1);
    expect(await balance(customer.user.id)).toBe(990_000n);
    const other = await publishTweep(tweep.providerId, "work", { priceMinor: 10_000n });
    const reused = await customer.client.post("/api/v1/orders", { tweepId: other.id }, headers);
    expect(reused.status).toBe(409);
    expect(reused.json.error.code).toBe("idempotency_key_reused");
    expect(await balance(customer.user.id)).toBe(990_000n);
  });

  it("refuses own, unpublished and unknown tweeps and a wrong medium, moving nothing", async () => {
    const { customer, provider, tweep } = await setUp("consultation", { videoPriceMinor: 45_000n });
    await fund(provider, 100_000);
    const draft = await publishTweep(provider.user.id, "work", { priceMinor: 1_000n }, "draft");
    const work = await publishTweep(provider.user.id, "work", { priceMinor: 1_000n });
    const entriesBefore = await entryCount();
    const cases: [Party, unknown, number, string][] = [
      [provider, { tweepId: tweep.id, medium: "video" }, 409, "conflict"],
      [customer, { tweepId: draft.id }, 409, "invalid_state"],
      [customer, { tweepId: "00000000-0000-4000-8000-000000000000" }, 404, "not_found"],
      [customer, { tweepId: tweep.id }, 400, "validation_failed"],
      [customer, { tweepId: tweep.id, medium: "text" }, 400, "validation_failed"],
      [customer, { tweepId: tweep.id, medium: "audio" }, 400, "validation_failed"],
      [customer, { tweepId: work.id, medium: "video" }, 400, "validation_failed"],
      [customer, { tweepId: work.id, extra: 1 }, 400, "validation_failed"],
    ];
    for (const [party, body, status, code] of cases) {
      const answer = await party.client.post("/api/v1/orders", body);
      expect([answer.status, answer.json.error.code]).toEqual([status, code]);
    }
    expect(await entryCount()).toBe(entriesBefore);
    expect(await server.ctx.db.select().from(orders).where(eq(orders.customerId, customer.user.id))).toEqual([]);
  });
});

describe("consultation transitions", () => {
  it("cancel returns the prepaid block; nothing is allowed afterwards", async () => {
    const { customer, provider, tweep } = await setUp("consultation", { videoPriceMinor: 45_000n }, 100_000);
    const { json } = await customer.client.post("/api/v1/orders", { tweepId: tweep.id, medium: "video" });
    const id = json.order.id as string;
    const byProvider = await provider.client.post(`/api/v1/orders/${id}/cancel`);
    expect(byProvider.status).toBe(403);
    const cancelled = await customer.client.post(`/api/v1/orders/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.order).toMatchObject({ status: "cancelled", heldMinor: 0, actions: ["dispute"] });
    expect(await held(id)).toBe(0n);
    expect(await balance(customer.user.id)).toBe(100_000n);
    expect(await earned(provider.user.id)).toBe(0n);
    const before = await snapshot(json.order);
    for (const action of ["cancel", "close", "refuse", "deliver", "accept", "return"]) {
      const party = ["refuse", "deliver"].includes(action) ? provider : customer;
      const answer = await party.client.post(`/api/v1/orders/${id}/${action}`);
      expect([action, answer.status, answer.json.error.code]).toEqual([action, 409, "invalid_state"]);
    }
    expect(await snapshot(json.order)).toEqual(before);
  });

  it("close returns an unused prepaid block like a cancel", async () => {
    const { customer, tweep } = await setUp("consultation", { textPriceMinor: 30_001n }, 50_000);
    const { json } = await customer.client.post("/api/v1/orders", { tweepId: tweep.id, medium: "text" });
    const closed = await customer.client.post(`/api/v1/orders/${json.order.id}/close`);
    expect(closed.json.order).toMatchObject({ status: "closed", heldMinor: 0 });
    expect(await balance(customer.user.id)).toBe(50_000n);
  });

  it("cannot cancel once the prepaid block is used, but can close (nothing to return)", async () => {
    const { customer, provider, tweep } = await setUp("consultation", { textPriceMinor: 30_000n }, 50_000);
    const { json } = await customer.client.post("/api/v1/orders", { tweepId: tweep.id, medium: "text" });
    // What the (future) session metering does when the first block is consumed.
    await server.ctx.db.update(orders).set({ prepaidBlockUsed: true }).where(eq(orders.id, json.order.id));
    const before = await snapshot(json.order);
    const cancel = await customer.client.post(`/api/v1/orders/${json.order.id}/cancel`);
    expect([cancel.status, cancel.json.error.code]).toEqual([409, "invalid_state"]);
    expect(await snapshot(json.order)).toEqual(before);
    expect((await customer.client.get(`/api/v1/orders/${json.order.id}`)).json.order.actions).toEqual(["close", "dispute"]);
    expect(provider.user.id).toBeTruthy();
  });
});

describe("work transitions (escrow)", () => {
  it("deliver → return → deliver → accept: the hold goes to the provider less commission", async () => {
    const { customer, provider, order } = await orderWork(100_001n);
    const commissionBefore = await commission();
    const delivered = await provider.client.post(`/api/v1/orders/${order.id}/deliver`);
    expect(delivered.status).toBe(200);
    const row = await readOrder(order.id);
    expect(row.status).toBe("delivered");
    expect(row.deliveredAt).not.toBeNull();
    expect(row.autoAcceptAt!.getTime() - row.deliveredAt!.getTime()).toBe(72 * 3_600_000);
    expect((await customer.client.get(`/api/v1/orders/${order.id}`)).json.order.actions).toEqual(["accept", "return", "dispute"]);

    const returned = await customer.client.post(`/api/v1/orders/${order.id}/return`);
    expect(returned.json.order).toMatchObject({ status: "in_progress", autoAcceptAt: null, heldMinor: 100_001 });
    expect((await readOrder(order.id)).autoAcceptAt).toBeNull();

    await provider.client.post(`/api/v1/orders/${order.id}/deliver`);
    const ownAccept = await provider.client.post(`/api/v1/orders/${order.id}/accept`);
    expect([ownAccept.status, ownAccept.json.error.code]).toEqual([403, "forbidden"]);
    expect((await readOrder(order.id)).status).toBe("delivered");

    const accepted = await customer.client.post(`/api/v1/orders/${order.id}/accept`);
    expect(accepted.json.order).toMatchObject({ status: "accepted", heldMinor: 0, actions: ["review", "dispute"] });
    expect(await held(order.id)).toBe(0n);
    expect(await earned(provider.user.id)).toBe(80_001n);
    expect((await commission()) - commissionBefore).toBe(20_000n);
    expect(await balance(customer.user.id)).toBe(1_000_000n - 100_001n);
    const sale = (await provider.client.get("/api/v1/orders?as=provider")).json.items[0];
    expect(sale).toMatchObject({ id: order.id, grossMinor: 100_001, commissionMinor: 20_000, netMinor: 80_001 });
  });

  it("refuse returns the hold and counts against the provider's rating", async () => {
    const { customer, provider, order } = await orderWork(70_000n);
    const byCustomer = await customer.client.post(`/api/v1/orders/${order.id}/refuse`);
    expect(byCustomer.status).toBe(403);
    const refused = await provider.client.post(`/api/v1/orders/${order.id}/refuse`);
    expect(refused.json.order).toMatchObject({ status: "refused", heldMinor: 0 });
    expect(await balance(customer.user.id)).toBe(1_000_000n);
    expect(await earned(provider.user.id)).toBe(0n);
    expect(await readProviderRating(server.ctx.db, provider.user.id, server.ctx.now())).toEqual({ ratingAverage: 1, ratingCount: 0, refusals: 1 });
  });

  it("refuses every transition the state does not allow, changing nothing", async () => {
    const { customer, provider, order } = await orderWork(10_000n);
    const attempt = async (party: Party, action: string) => {
      const before = await snapshot(order);
      const answer = await party.client.post(`/api/v1/orders/${order.id}/${action}`);
      expect([action, answer.status, answer.json.error.code]).toEqual([action, 409, "invalid_state"]);
      expect(await snapshot(order)).toEqual(before);
    };
    // in_progress
    for (const action of ["accept", "return", "cancel", "close"]) await attempt(customer, action);
    // delivered
    await provider.client.post(`/api/v1/orders/${order.id}/deliver`);
    await attempt(provider, "deliver");
    await attempt(provider, "refuse");
    await attempt(customer, "cancel");
    await attempt(customer, "close");
    // accepted (final)
    await customer.client.post(`/api/v1/orders/${order.id}/accept`);
    for (const action of ["accept", "return"]) await attempt(customer, action);
    for (const action of ["deliver", "refuse"]) await attempt(provider, action);
  });

  it("lets exactly one of two concurrent accepts through and moves the money once", async () => {
    const { customer, provider, order } = await orderWork(50_000n);
    await provider.client.post(`/api/v1/orders/${order.id}/deliver`);
    const answers = await Promise.all([1, 2].map(() => customer.client.post(`/api/v1/orders/${order.id}/accept`)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await earned(provider.user.id)).toBe(40_000n);
    const releases = await server.ctx.db
      .select()
      .from(ledgerTransactions)
      .where(and(eq(ledgerTransactions.orderId, order.id), eq(ledgerTransactions.kind, "work_accepted")));
    expect(releases).toHaveLength(1);
  });

  it("auto-accepts delivered work once its deadline passed, once", async () => {
    const { customer, provider, order } = await orderWork(33_333n);
    await provider.client.post(`/api/v1/orders/${order.id}/deliver`);
    const deadline = (await readOrder(order.id)).autoAcceptAt!;
    const early = await autoAcceptOrders(server.ctx, new Date(deadline.getTime() - 1));
    expect(early.accepted).not.toContain(order.id);
    expect((await readOrder(order.id)).status).toBe("delivered");

    const [first, second] = await Promise.all([autoAcceptOrders(server.ctx, deadline), autoAcceptOrders(server.ctx, deadline)]);
    expect([...first!.accepted, ...second!.accepted].filter((id) => id === order.id)).toHaveLength(1);
    const row = await readOrder(order.id);
    expect(row).toMatchObject({ status: "accepted", acceptedAutomatically: true, autoAcceptAt: null });
    expect(await earned(provider.user.id)).toBe(26_667n); // 33_333 − floor(6_666.6)
    expect(await held(order.id)).toBe(0n);
    expect((await autoAcceptOrders(server.ctx, new Date(deadline.getTime() + 1))).accepted).not.toContain(order.id);
    expect(await earned(provider.user.id)).toBe(26_667n);
    expect(await balance(customer.user.id)).toBe(1_000_000n - 33_333n);
  });
});

describe("API description", () => {
  it("documents the order, dispute and download operations", async () => {
    const paths = Object.keys((await server.client().get("/api/v1/openapi.json")).json.paths);
    for (const path of [
      "/orders",
      "/orders/{id}",
      "/orders/{id}/cancel",
      "/orders/{id}/close",
      "/orders/{id}/refuse",
      "/orders/{id}/deliver",
      "/orders/{id}/accept",
      "/orders/{id}/return",
      "/orders/{id}/messages",
      "/orders/{id}/review",
      "/orders/{id}/files/{fileId}/link",
      "/orders/{id}/disputes",
      "/downloads/{token}",
      "/disputes",
      "/disputes/{id}/messages",
      "/moderation/disputes",
      "/moderation/disputes/{id}/resolve",
    ]) {
      expect(paths).toContain(path);
    }
  });
});

describe("access", () => {
  it("hides an order, its messages and its actions from strangers; moderators may read the card", async () => {
    const { customer, provider, order } = await orderWork(10_000n);
    const stranger = await registerUser(server);
    const moderator = await registerUser(server);
    await makeAdmin(server, moderator.user.id);
    const before = await snapshot(order);
    for (const answer of [
      await stranger.client.get(`/api/v1/orders/${order.id}`),
      await stranger.client.get(`/api/v1/orders/${order.id}/messages`),
      await stranger.client.post(`/api/v1/orders/${order.id}/messages`, { body: "hi" }),
      await stranger.client.post(`/api/v1/orders/${order.id}/refuse`),
      await stranger.client.post(`/api/v1/orders/${order.id}/accept`),
      await stranger.client.post(`/api/v1/orders/${order.id}/disputes`, { reason: "mine now" }),
      await moderator.client.get(`/api/v1/orders/${order.id}/messages`),
    ]) {
      expect([answer.status, answer.json.error.code]).toEqual([404, "not_found"]);
    }
    expect(await snapshot(order)).toEqual(before);
    expect((await stranger.client.get("/api/v1/orders?as=customer")).json.items).toEqual([]);
    const seen = await moderator.client.get(`/api/v1/orders/${order.id}`);
    expect(seen.status).toBe(200);
    expect(seen.json.order.actions).toEqual([]);
    expect((await server.client().get(`/api/v1/orders/${order.id}`)).status).toBe(401);
    expect(customer && provider).toBeTruthy();
  });

  // The tweep page's "Your open order" link reads this list (issue 9's marketplace debts).
  it("lists one's own orders of one tweep with tweepId, and nobody else's", async () => {
    const { customer, provider, tweep, order } = await orderWork(10_000n);
    const other = await publishTweep(provider.user.id, "work", { priceMinor: 10_000n });
    expect((await customer.client.post("/api/v1/orders", { tweepId: other.id })).status).toBe(201);
    const stranger = await registerUser(server);
    await fund(stranger, 100_000);
    expect((await stranger.client.post("/api/v1/orders", { tweepId: tweep.id })).status).toBe(201);

    const mine = await customer.client.get(`/api/v1/orders?as=customer&tweepId=${tweep.id}`);
    expect(mine.status).toBe(200);
    expect(mine.json.items.map((item: { id: string }) => item.id)).toEqual([order.id]);
    expect(mine.json.items[0]).toMatchObject({ tweepId: tweep.id, status: "in_progress" });
    expect((await customer.client.get("/api/v1/orders?as=customer")).json.items).toHaveLength(2);
    // The provider's side of the same tweep lists both customers' orders; a bad id is refused.
    expect((await provider.client.get(`/api/v1/orders?as=provider&tweepId=${tweep.id}`)).json.items).toHaveLength(2);
    expect((await customer.client.get("/api/v1/orders?tweepId=not-a-uuid")).status).toBe(400);
  });

  it("keeps the message thread between the parties, 1–4000 characters", async () => {
    const { customer, provider, order } = await orderWork(10_000n);
    expect((await customer.client.post(`/api/v1/orders/${order.id}/messages`, { body: "Когда будет готово?" })).status).toBe(201);
    expect((await provider.client.post(`/api/v1/orders/${order.id}/messages`, { body: "Tomorrow" })).status).toBe(201);
    for (const body of ["", "   ", "x".repeat(4001)]) {
      expect((await customer.client.post(`/api/v1/orders/${order.id}/messages`, { body })).status).toBe(400);
    }
    expect((await customer.client.post(`/api/v1/orders/${order.id}/messages`, { body: "x".repeat(4000) })).status).toBe(201);
    const thread = await provider.client.get(`/api/v1/orders/${order.id}/messages`);
    expect(thread.json.items.map((m: { body: string; authorId: string }) => [m.authorId, m.body.slice(0, 20)])).toEqual([
      [customer.user.id, "Когда будет готово?"],
      [provider.user.id, "Tomorrow"],
      [customer.user.id, "x".repeat(20)],
    ]);
    expect(await server.ctx.db.select().from(orderMessages).where(eq(orderMessages.orderId, order.id))).toHaveLength(3);
  });
});

describe("reviews and rating", () => {
  it("lets the customer review accepted work once; refusals count as one star", async () => {
    const first = await orderWork(10_000n);
    const { provider } = first;
    const early = await first.customer.client.post(`/api/v1/orders/${first.order.id}/review`, { rating: 5 });
    expect([early.status, early.json.error.code]).toEqual([409, "invalid_state"]);
    await provider.client.post(`/api/v1/orders/${first.order.id}/deliver`);
    await first.customer.client.post(`/api/v1/orders/${first.order.id}/accept`);
    const byProvider = await provider.client.post(`/api/v1/orders/${first.order.id}/review`, { rating: 5 });
    expect(byProvider.status).toBe(403);
    for (const rating of [0, 6, 4.5]) {
      expect((await first.customer.client.post(`/api/v1/orders/${first.order.id}/review`, { rating })).status).toBe(400);
    }
    const review = await first.customer.client.post(`/api/v1/orders/${first.order.id}/review`, { rating: 5, body: "Great" });
    expect(review.status).toBe(201);
    const again = await first.customer.client.post(`/api/v1/orders/${first.order.id}/review`, { rating: 1 });
    expect([again.status, again.json.error.code]).toEqual([409, "conflict"]);
    expect(await server.ctx.db.select().from(reviews).where(eq(reviews.orderId, first.order.id))).toEqual([
      expect.objectContaining({ rating: 5, body: "Great", providerId: provider.user.id }),
    ]);

    // A second customer buys from the same provider: rated 4; a third order is refused.
    const tweep2 = await publishTweep(provider.user.id, "work", { priceMinor: 5_000n });
    const buyer = await registerUser(server);
    await fund(buyer, 20_000);
    const o2 = (await buyer.client.post("/api/v1/orders", { tweepId: tweep2.id })).json.order.id;
    const o3 = (await buyer.client.post("/api/v1/orders", { tweepId: tweep2.id })).json.order.id;
    await provider.client.post(`/api/v1/orders/${o2}/deliver`);
    await buyer.client.post(`/api/v1/orders/${o2}/accept`);
    await buyer.client.post(`/api/v1/orders/${o2}/review`, { rating: 4 });
    await provider.client.post(`/api/v1/orders/${o3}/refuse`);
    // (5 + 4 + 1) / (2 + 1)
    expect(await readProviderRating(server.ctx.db, provider.user.id, server.ctx.now())).toEqual({ ratingAverage: 3.33, ratingCount: 2, refusals: 1 });
  });
});
