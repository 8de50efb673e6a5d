import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerAccounts, ledgerEntries, payments, stripeEvents } from "../../db/schema.ts";
import { readUserBalanceMinor } from "../../server/domain/ledger/ledger-accounts.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { startFakeStripe, type FakeStripe } from "../fixtures/fake-stripe-server.ts";
import { registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// SPEC 4: the balance grows when Stripe confirms the payment by a signed webhook,
// processed exactly once. The real server talks to a fake Stripe over HTTP with the real
// `stripe` client, and the events are signed by the Stripe library itself.

const SECRET_KEY = "sk_test_fake";
const WEBHOOK_SECRET = "whsec_test";
const stripe = new Stripe(SECRET_KEY);

let fake: FakeStripe;
let server: TestServer;
beforeAll(async () => {
  fake = await startFakeStripe();
  server = await startTestServer({ STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: fake.url });
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

function checkoutRequests() {
  return fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions");
}

async function readPayment(paymentId: string) {
  const [payment] = await server.ctx.db.select().from(payments).where(eq(payments.id, paymentId));
  if (!payment) throw new Error(`no payment ${paymentId}`);
  return payment;
}

async function countUserEntries(userId: string): Promise<number> {
  const [row] = await server.ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerEntries.accountId, ledgerAccounts.id))
    .where(eq(ledgerAccounts.userId, userId));
  return Number(row!.n);
}

async function readEventRows(eventId: string) {
  return server.ctx.db.select().from(stripeEvents).where(eq(stripeEvents.id, eventId));
}

/** What the money side of one top-up looks like in the database. */
async function readState(userId: string, paymentId: string) {
  const payment = await readPayment(paymentId);
  return {
    status: payment.status,
    lastEventAt: payment.lastEventAt?.getTime() ?? null,
    completedAt: payment.completedAt?.getTime() ?? null,
    balanceMinor: await readUserBalanceMinor(server.ctx.db, userId),
    userEntries: await countUserEntries(userId),
  };
}

/** A new user with a pending Stripe top-up and the session the fake created for it. */
async function startPendingTopUp(amountMinor: number) {
  const { client, user } = await registerUser(server);
  const key = `top-up-${randomUUID()}`;
  const response = await client.post("/api/v1/wallet/top-ups", { amountMinor }, { "idempotency-key": key });
  expect(response.status, response.text).toBe(201);
  const paymentId: string = response.json.topUp.id;
  const payment = await readPayment(paymentId);
  const session = payment.providerRef ? fake.sessions.get(payment.providerRef) : undefined;
  if (!session) throw new Error(`the top-up ${paymentId} has no session at the fake Stripe`);
  return { client, user, key, response, paymentId, session };
}

/** Delivers an event the way Stripe does: pretty-printed JSON, signed over the exact bytes. */
async function deliver(event: unknown, options: { secret?: string; signature?: string | null; body?: string } = {}) {
  const payload = JSON.stringify(event, null, 2);
  const signature =
    options.signature === undefined
      ? stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? WEBHOOK_SECRET })
      : options.signature;
  const response = await fetch(`${server.url}/api/v1/payments/stripe/webhook`, {
    method: "POST",
    headers: {
      "content-type": "application/json; charset=utf-8",
      "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      ...(signature === null ? {} : { "stripe-signature": signature }),
    },
    body: options.body ?? payload,
  });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as { received?: true; outcome?: string; error?: { code: string } }, text };
}

describe("Stripe top-ups", () => {
  it("starts a pending top-up at a Stripe Checkout page and replays it for the same Idempotency-Key", async () => {
    const before = checkoutRequests().length;
    const { client, user, key, response, paymentId, session } = await startPendingTopUp(150_000);

    expect(response.json.topUp).toEqual({ id: paymentId, status: "pending", amountMinor: 150_000, checkoutUrl: session.url });
    expect(response.json.balanceMinor).toBe(0);
    expect(session.url).toMatch(new RegExp(`^${fake.url}/c/pay/${session.id}`));
    const page = await fetch(response.json.topUp.checkoutUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("150000 rub");

    // What Stripe was asked for: the amount in minor units, the currency in lower case,
    // our payment id to find the payment again, and a key that makes retries safe.
    const sent = checkoutRequests().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.status).toBe(200);
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(sent[0]!.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(sent[0]!.headers["idempotency-key"]).toContain(paymentId);
    expect(sent[0]!.params).toMatchObject({
      mode: "payment",
      client_reference_id: paymentId,
      metadata: { paymentId, userId: user.id },
      line_items: [{ quantity: "1", price_data: { currency: "rub", unit_amount: "150000" } }],
    });
    expect(session).toMatchObject({
      object: "checkout.session",
      amount_total: 150_000,
      currency: "rub",
      client_reference_id: paymentId,
      payment_status: "unpaid",
      status: "open",
    });
    expect(session.success_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/finances\?topUp=done$/);

    const payment = await readPayment(paymentId);
    expect(payment).toMatchObject({
      userId: user.id,
      provider: "stripe",
      status: "pending",
      amountMinor: 150_000n,
      currency: "RUB",
      providerRef: session.id,
      checkoutUrl: session.url,
      completedAt: null,
      lastEventAt: null,
    });
    expect(await readUserBalanceMinor(server.ctx.db, user.id)).toBe(0n);
    expect(await countUserEntries(user.id)).toBe(0);

    const sessionsBefore = fake.sessions.size;
    const again = await client.post("/api/v1/wallet/top-ups", { amountMinor: 150_000 }, { "idempotency-key": key });
    expect(again.status, again.text).toBe(201);
    expect(again.json.topUp).toEqual(response.json.topUp);
    expect(fake.sessions.size).toBe(sessionsBefore);
    expect(checkoutRequests().length).toBe(before + 1);

    const otherAmount = await client.post("/api/v1/wallet/top-ups", { amountMinor: 99_000 }, { "idempotency-key": key });
    expect(otherAmount.status).toBe(409);
    expect(otherAmount.json.error.code).toBe("idempotency_key_reused");
    const rows = await server.ctx.db.select().from(payments).where(eq(payments.userId, user.id));
    expect(rows.map((r) => r.id)).toEqual([paymentId]);
    expect(fake.sessions.size).toBe(sessionsBefore);
  });
});

describe("Stripe webhook", () => {
  it("credits a signed checkout.session.completed exactly once", async () => {
    const { client, user, paymentId, session } = await startPendingTopUp(50_000);
    const created = nowSeconds();
    const event = fake.buildEvent("checkout.session.completed", session.id, { created });

    const answer = await deliver(event);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toEqual({ received: true, outcome: "credited" });

    const state = await readState(user.id, paymentId);
    expect(state).toMatchObject({ status: "completed", lastEventAt: created * 1000, balanceMinor: 50_000n, userEntries: 1 });
    expect(state.completedAt).not.toBeNull();
    expect(await readEventRows(event.id)).toMatchObject([{ type: "checkout.session.completed", outcome: "credited" }]);
    const wallet = await client.get("/api/v1/wallet");
    expect(wallet.json.balanceMinor).toBe(50_000);
  });

  it("answers a redelivered event 200 duplicate and changes nothing", async () => {
    const { user, paymentId, session } = await startPendingTopUp(30_000);
    const event = fake.buildEvent("checkout.session.completed", session.id);
    expect((await deliver(event)).json.outcome).toBe("credited");
    const after = await readState(user.id, paymentId);

    // Stripe signs each retry afresh; the event id is what repeats.
    const again = await deliver(event);
    expect(again.status, again.text).toBe(200);
    expect(again.json).toEqual({ received: true, outcome: "duplicate" });
    expect(await readState(user.id, paymentId)).toEqual(after);
    expect(after.balanceMinor).toBe(30_000n);
    expect(await readEventRows(event.id)).toMatchObject([{ outcome: "credited" }]);
  });

  it("lets no older event arriving late move a completed payment backwards", async () => {
    const { user, paymentId, session } = await startPendingTopUp(40_000);
    const completedAt = nowSeconds();
    expect((await deliver(fake.buildEvent("checkout.session.completed", session.id, { created: completedAt }))).json.outcome).toBe(
      "credited",
    );
    const after = await readState(user.id, paymentId);

    const olderExpiry = fake.buildEvent("checkout.session.expired", session.id, { created: completedAt - 60 });
    const answer = await deliver(olderExpiry);
    expect(answer.status).toBe(200);
    expect(answer.json.outcome).toBe("stale");
    expect(await readState(user.id, paymentId)).toEqual(after);
    expect(after).toMatchObject({ status: "completed", balanceMinor: 40_000n, lastEventAt: completedAt * 1000, userEntries: 1 });
    expect(await readEventRows(olderExpiry.id)).toMatchObject([{ type: "checkout.session.expired", outcome: "stale" }]);

    // Nor a newer one: only a pending payment can expire.
    const newerExpiry = fake.buildEvent("checkout.session.expired", session.id, { created: completedAt + 60 });
    expect((await deliver(newerExpiry)).json.outcome).toBe("stale");
    expect(await readState(user.id, paymentId)).toEqual(after);
  });

  it("does not credit a second, different completed event for the same session", async () => {
    const { user, paymentId, session } = await startPendingTopUp(25_000);
    const created = nowSeconds();
    const first = fake.buildEvent("checkout.session.completed", session.id, { created });
    const second = fake.buildEvent("checkout.session.async_payment_succeeded", session.id, { created: created + 5 });
    const third = fake.buildEvent("checkout.session.completed", session.id, { created });
    expect(new Set([first.id, second.id, third.id]).size).toBe(3);

    expect((await deliver(first)).json.outcome).toBe("credited");
    const after = await readState(user.id, paymentId);
    for (const other of [second, third]) {
      const answer = await deliver(other);
      expect(answer.status).toBe(200);
      expect(answer.json.outcome).toBe("already_credited");
      expect(await readEventRows(other.id)).toHaveLength(1);
    }
    expect(await readState(user.id, paymentId)).toEqual(after);
    expect(after).toMatchObject({ status: "completed", balanceMinor: 25_000n, userEntries: 1 });
  });

  it("refuses a bad, missing or stale signature and a tampered body, recording nothing", async () => {
    const { user, paymentId, session } = await startPendingTopUp(20_000);
    const event = fake.buildEvent("checkout.session.completed", session.id);
    const payload = JSON.stringify(event, null, 2);
    const before = await readState(user.id, paymentId);
    const tampered = JSON.stringify({ ...event, data: { object: { ...event.data.object, amount_total: 2_000_000 } } }, null, 2);

    const refusals = [
      await deliver(event, { secret: "whsec_someone_else" }),
      await deliver(event, { signature: null }),
      await deliver(event, { signature: "t=1,v1=0000" }),
      // Signed for the original bytes, delivered with other bytes.
      await deliver(event, { body: tampered }),
      // Right secret, but older than the library's 5-minute tolerance: a replay.
      await deliver(event, {
        signature: stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: nowSeconds() - 3600 }),
      }),
    ];
    for (const refusal of refusals) {
      expect(refusal.status, refusal.text).toBe(400);
      expect(refusal.json.error?.code).toBe("invalid_signature");
    }
    expect(await readEventRows(event.id)).toEqual([]);
    expect(await readState(user.id, paymentId)).toEqual(before);
    expect(before).toMatchObject({ status: "pending", balanceMinor: 0n, userEntries: 0 });

    // The very same event, properly signed, is accepted: only the signatures were wrong.
    expect((await deliver(event)).json.outcome).toBe("credited");
    expect(await readUserBalanceMinor(server.ctx.db, user.id)).toBe(20_000n);
  });

  it("does not credit an event whose amount_total differs from the payment", async () => {
    const { user, paymentId, session } = await startPendingTopUp(10_000);
    const created = nowSeconds();
    const wrong = fake.buildEvent("checkout.session.completed", session.id, {
      created,
      session: { amount_total: 1_000_000, amount_subtotal: 1_000_000 },
    });

    const answer = await deliver(wrong);
    expect(answer.status).toBe(200);
    expect(answer.json.outcome).toBe("amount_mismatch");
    expect(await readState(user.id, paymentId)).toMatchObject({
      status: "pending",
      balanceMinor: 0n,
      userEntries: 0,
      lastEventAt: null,
    });
    expect(await readEventRows(wrong.id)).toMatchObject([{ outcome: "amount_mismatch" }]);

    // A refused event does not block the genuine one.
    const right = fake.buildEvent("checkout.session.completed", session.id, { created: created + 1 });
    expect((await deliver(right)).json.outcome).toBe("credited");
    expect(await readState(user.id, paymentId)).toMatchObject({ status: "completed", balanceMinor: 10_000n, userEntries: 1 });
  });

  it("expires a pending payment, yet credits a paid completion delivered after the expiry, once", async () => {
    const { user, paymentId, session } = await startPendingTopUp(35_000);
    const expiredAt = nowSeconds();
    const expiry = fake.buildEvent("checkout.session.expired", session.id, { created: expiredAt });

    const answer = await deliver(expiry);
    expect(answer.status).toBe(200);
    expect(answer.json.outcome).toBe("expired");
    expect(await readState(user.id, paymentId)).toMatchObject({
      status: "expired",
      lastEventAt: expiredAt * 1000,
      completedAt: null,
      balanceMinor: 0n,
      userEntries: 0,
    });

    // The customer's money arrived: paid is the final word, even when created before the
    // expiry and delivered after it.
    const olderCompletion = fake.buildEvent("checkout.session.completed", session.id, { created: expiredAt - 30 });
    expect((await deliver(olderCompletion)).json.outcome).toBe("credited");
    const credited = await readState(user.id, paymentId);
    expect(credited).toMatchObject({ status: "completed", lastEventAt: expiredAt * 1000, balanceMinor: 35_000n, userEntries: 1 });

    const newerCompletion = fake.buildEvent("checkout.session.completed", session.id, { created: expiredAt + 30 });
    expect((await deliver(newerCompletion)).json.outcome).toBe("already_credited");
    expect(await readState(user.id, paymentId)).toEqual(credited);
    expect(await readEventRows(olderCompletion.id)).toMatchObject([{ outcome: "credited" }]);
  });

  it("refuses an oversized body with 413 before reading it all, recording nothing", async () => {
    const { user, paymentId, session } = await startPendingTopUp(11_000);
    const before = await readState(user.id, paymentId);
    const event = fake.buildEvent("checkout.session.completed", session.id);
    const padded = { ...event, padding: "x".repeat(600 * 1024) };
    const answer = await deliver(padded);
    expect(answer.status).toBe(413);
    expect(answer.json.error?.code).toBe("payload_too_large");
    expect(await readEventRows(event.id)).toEqual([]);
    expect(await readState(user.id, paymentId)).toEqual(before);
  });

  it("answers an event for a session it does not know without touching any payment", async () => {
    const { user, paymentId, session } = await startPendingTopUp(15_000);
    const before = await readState(user.id, paymentId);
    const stranger = fake.buildEvent("checkout.session.completed", session.id, {
      session: { id: `cs_test_${randomUUID().replaceAll("-", "")}`, client_reference_id: null, metadata: {} },
    });
    const answer = await deliver(stranger);
    expect(answer.status).toBe(200);
    expect(answer.json.outcome).toBe("unknown_payment");
    expect(await readState(user.id, paymentId)).toEqual(before);
  });

  it("credits once when one event is delivered five times at once", async () => {
    const { user, paymentId, session } = await startPendingTopUp(45_000);
    const event = fake.buildEvent("checkout.session.completed", session.id);

    const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(event)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((a) => a.json.outcome).sort()).toEqual(["credited", "duplicate", "duplicate", "duplicate", "duplicate"]);
    expect(await readState(user.id, paymentId)).toMatchObject({ status: "completed", balanceMinor: 45_000n, userEntries: 1 });
    expect(await readEventRows(event.id)).toMatchObject([{ outcome: "credited" }]);
  });

  it("credits once when five different completed events for one session race", async () => {
    const { user, paymentId, session } = await startPendingTopUp(55_000);
    const created = nowSeconds();
    // Distinct creation times, so only the pending→completed guard can stop the later ones.
    const events = Array.from({ length: 5 }, (_, i) =>
      fake.buildEvent("checkout.session.completed", session.id, { created: created + i }),
    );

    const answers = await Promise.all(events.map((event) => deliver(event)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((a) => a.json.outcome).sort()).toEqual(["already_credited", "already_credited", "already_credited", "already_credited", "credited"]);
    expect(await readState(user.id, paymentId)).toMatchObject({ status: "completed", balanceMinor: 55_000n, userEntries: 1 });
  });

  it("leaves the ledger balanced, with every credited top-up and nothing else on the users' accounts", async () => {
    const report = await verifyLedger(server.ctx.db);
    expect(report).toMatchObject({ ok: true, accountsSumMinor: 0, entriesSumMinor: 0 });

    const [completed] = await server.ctx.db
      .select({ sum: sql<string>`COALESCE(SUM(${payments.amountMinor}), 0)::text` })
      .from(payments)
      .where(and(eq(payments.provider, "stripe"), eq(payments.status, "completed")));
    const [users] = await server.ctx.db
      .select({ sum: sql<string>`COALESCE(SUM(${ledgerAccounts.balanceMinor}), 0)::text` })
      .from(ledgerAccounts)
      .where(eq(ledgerAccounts.kind, "user"));
    // Money reached users only through completed payments, each exactly once.
    expect(BigInt(completed!.sum)).toBeGreaterThan(0n);
    expect(BigInt(users!.sum)).toBe(BigInt(completed!.sum));
  });
});
