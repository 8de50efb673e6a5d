import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerEntries, payments, payouts } from "../../db/schema.ts";
import { readUserBalanceMinor } from "../../server/domain/ledger/ledger-accounts.ts";
import { makeAdmin, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

/** Everything money-related that a refused request must leave untouched. */
async function moneySnapshot(userId: string) {
  const count = async (table: typeof payments | typeof payouts | typeof ledgerEntries) =>
    (await server.ctx.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  return {
    balance: await readUserBalanceMinor(server.ctx.db, userId),
    payments: await count(payments),
    payouts: await count(payouts),
    entries: await count(ledgerEntries),
  };
}

describe("top-ups with the development provider", () => {
  it("credits at once and lists the movement", async () => {
    const { client, user } = await registerUser(server);
    const answer = await client.post("/api/v1/wallet/top-ups", { amountMinor: 150_000 });
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ topUp: { status: "completed", amountMinor: 150_000, checkoutUrl: null }, balanceMinor: 150_000 });
    expect(await readUserBalanceMinor(server.ctx.db, user.id)).toBe(150_000n);
    const wallet = await client.get("/api/v1/wallet");
    expect(wallet.json).toMatchObject({ balanceMinor: 150_000, currency: "RUB" });
    expect(wallet.json.movements).toEqual([expect.objectContaining({ amountMinor: 150_000, kind: "top_up", orderId: null })]);
  });

  it("takes effect once for one Idempotency-Key sent three times", async () => {
    const { client, user } = await registerUser(server);
    const headers = { "idempotency-key": "top-up-once-0001" };
    const answers = await Promise.all([1, 2, 3].map(() => client.post("/api/v1/wallet/top-ups", { amountMinor: 2_000 }, headers)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json.topUp.id)).size).toBe(1);
    expect(await readUserBalanceMinor(server.ctx.db, user.id)).toBe(2_000n);
    const rows = await server.ctx.db.select().from(payments).where(eq(payments.userId, user.id));
    expect(rows).toHaveLength(1);

    const reused = await client.post("/api/v1/wallet/top-ups", { amountMinor: 9_999 }, headers);
    expect(reused.status).toBe(409);
    expect(reused.json.error.code).toBe("idempotency_key_reused");
    expect(await readUserBalanceMinor(server.ctx.db, user.id)).toBe(2_000n);
  });
});

describe("bad input changes nothing", () => {
  const badAmounts: [string, unknown][] = [
    ["negative", -100],
    ["zero", 0],
    ["fractional", 10.5],
    ["huge", 1e20],
    ["beyond the top-up limit", 1_000_000_001],
    ["a numeric string", "100"],
    ["a word", "lots"],
    ["null", null],
    ["a boolean", true],
  ];

  for (const path of ["/api/v1/wallet/top-ups", "/api/v1/wallet/payouts"]) {
    it.each(badAmounts)(`${path} refuses an amount that is %s`, async (_, amountMinor) => {
      const { client, user } = await registerUser(server);
      await client.post("/api/v1/wallet/top-ups", { amountMinor: 5_000 });
      const before = await moneySnapshot(user.id);
      const answer = await client.post(path, { amountMinor });
      expect(answer.status).toBe(400);
      expect(answer.json.error.code).toBe("validation_failed");
      expect(answer.json.error.message).toMatch(/amountMinor/);
      expect(await moneySnapshot(user.id)).toEqual(before);
    });
  }

  it("refuses a missing amount, unknown fields, a non-JSON body and a non-JSON content type", async () => {
    const { client, user } = await registerUser(server);
    const before = await moneySnapshot(user.id);
    const cases = [
      await client.post("/api/v1/wallet/top-ups", {}),
      await client.post("/api/v1/wallet/top-ups", { amountMinor: 100, currency: "USD" }),
      await client.post("/api/v1/wallet/top-ups", "{not json"),
      await client.post("/api/v1/wallet/top-ups", "amountMinor=100", { "content-type": "application/x-www-form-urlencoded" }),
      await client.post("/api/v1/wallet/top-ups", { amountMinor: 100 }, { "idempotency-key": "no spaces allowed" }),
    ];
    expect(cases.map((c) => c.status)).toEqual([400, 400, 400, 415, 400]);
    expect(cases.map((c) => c.json.error.code)).toEqual([
      "validation_failed",
      "validation_failed",
      "validation_failed",
      "unsupported_media_type",
      "validation_failed",
    ]);
    expect(await moneySnapshot(user.id)).toEqual(before);
  });

  it("refuses a request from another site's page (CSRF) but accepts scripts without Origin", async () => {
    const { client, user } = await registerUser(server);
    const before = await moneySnapshot(user.id);
    const forged = await client.post("/api/v1/wallet/top-ups", { amountMinor: 100 }, { origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    expect(forged.json.error.code).toBe("cross_site_request");
    expect(await moneySnapshot(user.id)).toEqual(before);

    const sameSite = await client.post("/api/v1/wallet/top-ups", { amountMinor: 100 }, { origin: server.url });
    expect(sameSite.status).toBe(201);
  });

  it("answers 401 without a session and moves nothing", async () => {
    const { user } = await registerUser(server);
    const before = await moneySnapshot(user.id);
    const anonymous = server.client();
    for (const answer of [
      await anonymous.get("/api/v1/wallet"),
      await anonymous.get("/api/v1/me"),
      await anonymous.post("/api/v1/wallet/top-ups", { amountMinor: 100 }),
      await anonymous.post("/api/v1/wallet/payouts", { amountMinor: 100 }),
      // Anonymous comes first: bad input from nobody is still "log in first".
      await anonymous.post("/api/v1/wallet/top-ups", { amountMinor: -1, extra: true }),
      await anonymous.get("/api/v1/admin/ledger/verify"),
    ]) {
      expect(answer.status).toBe(401);
      expect(answer.json.error.code).toBe("unauthenticated");
    }
    const forged = await fetch(`${server.url}/api/v1/wallet`, { headers: { cookie: "tweeps_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" } });
    expect(forged.status).toBe(401);
    expect(await moneySnapshot(user.id)).toEqual(before);
  });

  it("hides another user's top-up and keeps administration to administrators", async () => {
    const alice = await registerUser(server);
    const bob = await registerUser(server);
    const topUp = await alice.client.post("/api/v1/wallet/top-ups", { amountMinor: 3_000 });
    expect((await alice.client.get(`/api/v1/wallet/top-ups/${topUp.json.topUp.id}`)).json.topUp.status).toBe("completed");
    const peek = await bob.client.get(`/api/v1/wallet/top-ups/${topUp.json.topUp.id}`);
    expect(peek.status).toBe(404);
    expect(peek.json.error.code).toBe("not_found");

    const payout = await alice.client.post("/api/v1/wallet/payouts", { amountMinor: 1_000 });
    const before = await moneySnapshot(alice.user.id);
    const selfService = await alice.client.post(`/api/v1/admin/payouts/${payout.json.payout.id}/paid`);
    expect(selfService.status).toBe(403);
    expect((await bob.client.get("/api/v1/admin/ledger/verify")).status).toBe(403);
    expect((await bob.client.get("/api/v1/admin/payouts")).status).toBe(403);
    expect(await moneySnapshot(alice.user.id)).toEqual(before);
    const [row] = await server.ctx.db.select().from(payouts).where(eq(payouts.id, payout.json.payout.id));
    expect(row?.status).toBe("requested");
  });
});

describe("payouts", () => {
  it("lets exactly 10 of 50 concurrent payout requests through when the balance covers 10", async () => {
    const { client, user } = await registerUser(server);
    await client.post("/api/v1/wallet/top-ups", { amountMinor: 10 * 700 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => client.post("/api/v1/wallet/payouts", { amountMinor: 700 })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(40);
    for (const answer of refused) {
      expect(answer.status).toBe(409);
      expect(answer.json.error.code).toBe("insufficient_funds");
    }
    expect(await readUserBalanceMinor(server.ctx.db, user.id)).toBe(0n);
    expect(await server.ctx.db.select().from(payouts).where(eq(payouts.userId, user.id))).toHaveLength(10);
  });

  it("moves a payout to pending, then an administrator marks it paid exactly once", async () => {
    const provider = await registerUser(server);
    const admin = await registerUser(server);
    await makeAdmin(server, admin.user.id);
    await provider.client.post("/api/v1/wallet/top-ups", { amountMinor: 10_000 });
    const requested = await provider.client.post("/api/v1/wallet/payouts", { amountMinor: 4_000 });
    expect(requested.status).toBe(201);
    expect(requested.json).toMatchObject({ payout: { amountMinor: 4_000, status: "requested" }, balanceMinor: 6_000 });

    const queue = await admin.client.get("/api/v1/admin/payouts?status=requested");
    expect(queue.json.payouts.map((p: { id: string }) => p.id)).toContain(requested.json.payout.id);
    const paid = await admin.client.post(`/api/v1/admin/payouts/${requested.json.payout.id}/paid`);
    expect(paid.status).toBe(200);
    expect(paid.json.payout.status).toBe("paid");
    const again = await admin.client.post(`/api/v1/admin/payouts/${requested.json.payout.id}/paid`);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("invalid_state");

    const report = await admin.client.get("/api/v1/admin/ledger/verify");
    expect(report.status).toBe(200);
    expect(report.json).toMatchObject({ ok: true, accountsSumMinor: 0, negativeCustomerAccounts: [], unbalancedTransactions: [] });
    const movements = (await provider.client.get("/api/v1/wallet")).json.movements.map((m: { kind: string; amountMinor: number }) => [m.kind, m.amountMinor]);
    expect(movements).toEqual([["payout", -4_000], ["top_up", 10_000]]);
  });
});
