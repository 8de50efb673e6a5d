import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consultationSessions, ledgerEntries, ledgerTransactions, notifications, orderMessages, outboxMessages, pendingEarnings, users } from "../../db/schema.ts";
import { withTransaction } from "../../db/with-transaction.ts";
import { clearPendingEarnings } from "../../server/domain/earnings/clear-pending-earnings.ts";
import { readCommissionBalanceMinor } from "../../server/domain/ledger/commission-shards.ts";
import { readPendingEarningsMinor, readUserBalanceMinor } from "../../server/domain/ledger/ledger-accounts.ts";
import { splitCommission } from "../../server/domain/ledger/split-commission.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { advanceSession } from "../../server/domain/sessions/advance-session.ts";
import { finishSession } from "../../server/domain/sessions/finish-session.ts";
import { publishConsultation, waitUntil } from "../fixtures/live-fixtures.ts";
import { createTestDatabase } from "../fixtures/test-database.ts";
import { makeAdmin, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// SPEC 17: clearance, session reports, and consultation disputes that give back pending blocks.

const BLOCK_MS = 60_000;
const PRICE = 10_001n; // odd, so the commission split rounds: the figures below must match to the unit
const HOUR = 3_600_000;
const { commissionMinor: COMMISSION, netMinor: NET } = splitCommission(PRICE, 20);

let clock = new Date("2026-11-20T10:00:00Z");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tweeps-clearance-"));
let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
let server: TestServer;
let moderator: Awaited<ReturnType<typeof registerUser>>;

function start() {
  return startTestServer(
    {
      BILLING_BLOCK_SECONDS: String(BLOCK_MS / 1000),
      BILLING_VOID_SECONDS: "1",
      SHORT_SESSION_SECONDS: "0",
      COMMISSION_PERCENT: "20",
      CLEARANCE_HOURS: "72",
      SESSION_REPORT_HOURS: "24",
      // A database the restart below finds again: a file for PGlite, a database of its own on PostgreSQL.
      ...(database?.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { DATA_DIR: dataDir }),
    },
    { now: () => clock, rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } },
  );
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) database = await createTestDatabase();
  server = await start();
  moderator = await registerUser(server);
  await makeAdmin(server, moderator.user.id);
});
afterAll(async () => {
  expect(await verifyLedger(server.ctx.db)).toMatchObject({ ok: true, accountsSumMinor: 0, entriesSumMinor: 0 });
  await server?.stop();
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const available = (userId: string) => readUserBalanceMinor(server.ctx.db, userId);
const pending = (userId: string) => readPendingEarningsMinor(server.ctx.db, userId);
const commission = () => readCommissionBalanceMinor(server.ctx.db);
async function entryCount() {
  return (await server.ctx.db.select({ n: sql<number>`count(*)::int` }).from(ledgerEntries))[0]!.n;
}

/**
 * A video session whose clock ran `blocks - 0.5` blocks up to `clock`, ended by the customer:
 * block 0 from the order's prepaid hold, the others from the balance, through the real metering.
 */
async function endedSession(blocks: number) {
  const provider = await registerUser(server);
  const customer = await registerUser(server);
  const tweep = await publishConsultation(server, provider.user.id, { videoPriceMinor: PRICE });
  expect((await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 500_000 })).status).toBeLessThan(300);
  const placed = await customer.client.post("/api/v1/orders", { tweepId: tweep.id, medium: "video" });
  expect(placed.status).toBe(201);
  const orderId = placed.json.order.id as string;
  const startedAt = new Date(clock.getTime() - (blocks - 0.5) * BLOCK_MS);
  const [row] = await server.ctx.db
    .insert(consultationSessions)
    .values({
      orderId,
      customerId: customer.user.id,
      providerId: provider.user.id,
      medium: "video",
      status: "live",
      blockPriceMinor: PRICE,
      ringExpiresAt: startedAt,
      answeredAt: startedAt,
      clockStartedAt: startedAt,
      usesPrepaidBlock: true,
      mediaSeenAt: clock,
      customerSeenAt: clock,
      providerSeenAt: clock,
    })
    .returning();
  await withTransaction(server.ctx.db, async (tx) => {
    await advanceSession(tx, server.ctx.config, row!.id, clock);
    await finishSession(tx, server.ctx.config, { sessionId: row!.id, endedAt: clock, byParty: customer.user.id });
  });
  const [ended] = await server.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.id, row!.id));
  expect(ended).toMatchObject({ status: "ended", blocksCharged: blocks, endReason: "customer_ended" });
  return { provider, customer, orderId, sessionId: row!.id, endedAt: ended!.endedAt! };
}

describe("clearance", () => {
  it("credits a session's blocks to pending earnings, each with the date it clears; payouts draw on available only", async () => {
    const { provider, customer } = await endedSession(3);
    expect(await pending(provider.user.id)).toBe(3n * NET);
    expect(await available(provider.user.id)).toBe(0n);
    const wallet = (await provider.client.get("/api/v1/wallet")).json;
    expect(wallet).toMatchObject({ availableMinor: 0, balanceMinor: 0, pendingMinor: Number(3n * NET) });
    expect(wallet.pending).toHaveLength(3);
    for (const earning of wallet.pending) {
      expect(earning.amountMinor).toBe(Number(NET));
      expect(Date.parse(earning.clearsAt)).toBeGreaterThan(clock.getTime() + 71 * HOUR);
    }
    expect(wallet.movements.filter((m: { account: string }) => m.account === "pending")).toHaveLength(3);

    const entries = await entryCount();
    const refused = await provider.client.post("/api/v1/wallet/payouts", { amountMinor: 1 }, { "Idempotency-Key": "early-payout-1" });
    expect([refused.status, refused.json.error.code]).toEqual([409, "insufficient_funds"]);
    expect(await entryCount()).toBe(entries);
    // The customer's side is unchanged by clearance: what they paid left their balance at once.
    expect(await available(customer.user.id)).toBe(500_000n - PRICE - 2n * PRICE);
  });

  it("clears every earning to the unit, exactly once, across a restart and with two loops at once", async () => {
    const first = await endedSession(2);
    clock = new Date(clock.getTime() + 10 * HOUR);
    const second = await endedSession(3);
    const providers = [first.provider.user.id, second.provider.user.id];
    const rows = await server.ctx.db.select().from(pendingEarnings).where(sql`${pendingEarnings.userId} IN (${sql.join(providers.map((id) => sql`${id}`), sql`, `)})`);
    expect(rows).toHaveLength(5);

    // Past the first session's clearance, before the second's: only the first clears.
    const midway = new Date(first.endedAt.getTime() + 72 * HOUR + 1);
    await clearPendingEarnings(server.ctx, midway);
    expect([await available(first.provider.user.id), await pending(first.provider.user.id)]).toEqual([2n * NET, 0n]);
    expect([await available(second.provider.user.id), await pending(second.provider.user.id)]).toEqual([0n, 3n * NET]);

    // The process stops and another starts on the same database; two loops run at once.
    await server.close();
    server = await start();
    const rebound = server.client();
    rebound.cookies = moderator.client.cookies;
    moderator = { ...moderator, client: rebound };
    const late = new Date(second.endedAt.getTime() + 72 * HOUR + 1);
    await Promise.all([clearPendingEarnings(server.ctx, late), clearPendingEarnings(server.ctx, late), clearPendingEarnings(server.ctx, late)]);
    await clearPendingEarnings(server.ctx, late);
    expect([await available(first.provider.user.id), await pending(first.provider.user.id)]).toEqual([2n * NET, 0n]);
    expect([await available(second.provider.user.id), await pending(second.provider.user.id)]).toEqual([3n * NET, 0n]);
    const cleared = await server.ctx.db
      .select({ key: ledgerTransactions.idempotencyKey })
      .from(ledgerTransactions)
      .where(and(eq(ledgerTransactions.kind, "earnings_cleared"), like(ledgerTransactions.idempotencyKey, "earning_cleared:%")));
    for (const row of rows) expect(cleared.filter((c) => c.key === `earning_cleared:${row.id}`)).toHaveLength(1);
    const after = await server.ctx.db.select().from(pendingEarnings).where(sql`${pendingEarnings.userId} IN (${sql.join(providers.map((id) => sql`${id}`), sql`, `)})`);
    expect(after.map((row) => row.status)).toEqual(rows.map(() => "cleared"));

    // A payout of more than is available is refused; exactly the available amount is accepted.
    const client = server.client();
    client.cookies = second.provider.client.cookies;
    const over = await client.post("/api/v1/wallet/payouts", { amountMinor: Number(3n * NET) + 1 }, { "Idempotency-Key": "payout-over-0001" });
    expect([over.status, over.json.error.code], over.text).toEqual([409, "insufficient_funds"]);
    const exact = await client.post("/api/v1/wallet/payouts", { amountMinor: Number(3n * NET) }, { "Idempotency-Key": "payout-exact-0001" });
    expect(exact.status).toBeLessThan(300);
    expect(await available(second.provider.user.id)).toBe(0n);
  });
});

describe("every credit to a provider is pending first", () => {
  it("a work release, a files sale and a dispute's part to the provider", async () => {
    const { tweeps } = await import("../../db/schema.ts");
    const provider = await registerUser(server);
    const customer = await registerUser(server);
    await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 500_000 });
    const tweepOf = async (type: "work" | "files") =>
      (
        await server.ctx.db
          .insert(tweeps)
          .values({ providerId: provider.user.id, type, status: "published", languages: ["ru"], title: { ru: "Т" }, description: { ru: "Т" }, category: "other", priceMinor: PRICE, publishedAt: clock })
          .returning()
      )[0]!;
    // Files: paid to the provider at once, into pending.
    const files = await customer.client.post("/api/v1/orders", { tweepId: (await tweepOf("files")).id });
    expect(files.status).toBe(201);
    expect([await available(provider.user.id), await pending(provider.user.id)]).toEqual([0n, NET]);
    // Work accepted.
    const work = (await customer.client.post("/api/v1/orders", { tweepId: (await tweepOf("work")).id })).json.order.id;
    expect((await provider.client.post(`/api/v1/orders/${work}/deliver`)).status).toBe(200);
    expect((await customer.client.post(`/api/v1/orders/${work}/accept`)).status).toBe(200);
    expect([await available(provider.user.id), await pending(provider.user.id)]).toEqual([0n, 2n * NET]);
    // A dispute split: the provider's part, less commission, is pending too.
    const disputed = (await customer.client.post("/api/v1/orders", { tweepId: (await tweepOf("work")).id })).json.order.id;
    const disputeId = (await customer.client.post(`/api/v1/orders/${disputed}/disputes`, { reason: "late" })).json.dispute.id;
    const resolved = await moderator.client.post(`/api/v1/moderation/disputes/${disputeId}/resolve`, { toProviderMinor: 5_000, toCustomerMinor: Number(PRICE) - 5_000, reason: "half" });
    expect(resolved.status, resolved.text).toBe(200);
    const part = splitCommission(5_000n, 20).netMinor;
    expect([await available(provider.user.id), await pending(provider.user.id)]).toEqual([0n, 2n * NET + part]);
    const wallet = (await provider.client.get("/api/v1/wallet")).json;
    expect(wallet.pending.map((p: { amountMinor: number }) => p.amountMinor).sort()).toEqual([Number(NET), Number(NET), Number(part)].sort());
  });
});

describe("reporting a session", () => {
  it("uphold refunds exactly the session's charges from pending earnings and the commission, in one transaction", async () => {
    const { provider, customer, sessionId, orderId } = await endedSession(3);
    await server.ctx.db.insert(orderMessages).values({ orderId, authorId: customer.user.id, body: "Are you there?", sessionId });
    const customerBefore = await available(customer.user.id);
    const commissionBefore = await commission();
    expect(await pending(provider.user.id)).toBe(3n * NET);

    const stranger = await registerUser(server);
    const notMine = await stranger.client.post(`/api/v1/sessions/${sessionId}/reports`, { reason: "provider_absent" });
    expect([notMine.status, notMine.json.error.code]).toEqual([404, "not_found"]);
    const byProvider = await provider.client.post(`/api/v1/sessions/${sessionId}/reports`, { reason: "abusive" });
    expect([byProvider.status, byProvider.json.error.code]).toEqual([403, "forbidden"]);
    const noText = await customer.client.post(`/api/v1/sessions/${sessionId}/reports`, { reason: "other" });
    expect([noText.status, noText.json.error.code]).toEqual([400, "validation_failed"]);

    const reported = await customer.client.post(`/api/v1/sessions/${sessionId}/reports`, { reason: "provider_absent", text: "Silent screen" });
    expect(reported.status).toBe(201);
    expect(reported.json.report).toMatchObject({ sessionId, status: "open", reason: "provider_absent" });
    // One report per session.
    const again = await customer.client.post(`/api/v1/sessions/${sessionId}/reports`, { reason: "technical_failure" });
    expect([again.status, again.json.error.code]).toEqual([409, "conflict"]);
    expect((await customer.client.get(`/api/v1/sessions/${sessionId}/reports`)).json).toMatchObject({ canReport: false, report: { status: "open" } });

    // An open report keeps the session's earnings from clearing, whatever the time.
    await clearPendingEarnings(server.ctx, new Date(clock.getTime() + 1000 * HOUR));
    expect(await pending(provider.user.id)).toBe(3n * NET);

    // The moderators' queue carries the evidence pack.
    const forbidden = await customer.client.get("/api/v1/moderation/reports");
    expect([forbidden.status, forbidden.json.error.code]).toEqual([403, "forbidden"]);
    const queue = (await moderator.client.get("/api/v1/moderation/reports?status=open")).json.items;
    const item = queue.find((r: { sessionId: string }) => r.sessionId === sessionId);
    expect(item.evidence).toMatchObject({
      sessionId,
      endedBy: "customer",
      endReason: "customer_ended",
      blocksCharged: 3,
      chargedMinor: Number(3n * PRICE),
      pendingMinor: Number(3n * PRICE),
      quality: { pausedTotalMs: 0, void: false },
      transcript: [{ authorRole: "customer", body: "Are you there?" }],
    });

    const emails = [`customer-${sessionId}@example.test`, `provider-${sessionId}@example.test`];
    await server.ctx.db.update(users).set({ email: emails[0] }).where(eq(users.id, customer.user.id));
    await server.ctx.db.update(users).set({ email: emails[1] }).where(eq(users.id, provider.user.id));
    const upheld = await moderator.client.post(`/api/v1/moderation/reports/${reported.json.report.id}/uphold`, { reason: "The provider never appeared" });
    expect(upheld.status, upheld.text).toBe(200);
    expect(upheld.json.report).toMatchObject({ status: "upheld", refundedMinor: Number(3n * PRICE), decisionReason: "The provider never appeared" });
    expect(await available(customer.user.id)).toBe(customerBefore + 3n * PRICE);
    expect(await pending(provider.user.id)).toBe(0n);
    expect(await commission()).toBe(commissionBefore - 3n * COMMISSION);
    const refunds = await server.ctx.db.select().from(ledgerTransactions).where(eq(ledgerTransactions.idempotencyKey, `session_report_refund:${reported.json.report.id}`));
    expect(refunds).toHaveLength(1);

    const twice = await moderator.client.post(`/api/v1/moderation/reports/${reported.json.report.id}/dismiss`, { reason: "changed my mind" });
    expect([twice.status, twice.json.error.code]).toEqual([409, "invalid_state"]);
    // Both parties were told, in the app (and by e-mail: the kind is an e-mailed one).
    const told = await server.ctx.db.select().from(notifications).where(eq(notifications.kind, "session_report_decided"));
    expect(told.filter((n) => n.data.sessionId === sessionId).map((n) => n.userId).sort()).toEqual([customer.user.id, provider.user.id].sort());
    const mails = await waitUntil(
      () => server.ctx.db.select().from(outboxMessages).where(eq(outboxMessages.channel, "email")),
      (rows) => emails.every((to) => rows.some((row) => row.recipient === to)),
    );
    for (const to of emails) {
      const mail = mails.find((row) => row.recipient === to)!;
      expect(mail.subject).toMatch(/Жалоба на сеанс удовлетворена|Session report upheld/);
      expect(mail.body).toContain(`/sessions/${sessionId}`);
    }
  });

  it("dismiss moves nothing, and the earnings clear as usual afterwards", async () => {
    const { provider, customer, sessionId } = await endedSession(2);
    const reported = await customer.client.post(`/api/v1/sessions/${sessionId}/reports`, { reason: "not_advertised" });
    expect(reported.status).toBe(201);
    const entries = await entryCount();
    const balances = [await available(customer.user.id), await pending(provider.user.id), await commission()];
    const dismissed = await moderator.client.post(`/api/v1/moderation/reports/${reported.json.report.id}/dismiss`, { reason: "The session was held" });
    expect(dismissed.status).toBe(200);
    expect(dismissed.json.report).toMatchObject({ status: "dismissed", refundedMinor: null });
    expect(await entryCount()).toBe(entries);
    expect([await available(customer.user.id), await pending(provider.user.id), await commission()]).toEqual(balances);
    const told = await server.ctx.db.select().from(notifications).where(eq(notifications.kind, "session_report_decided"));
    expect(told.filter((n) => n.data.sessionId === sessionId)).toHaveLength(2);

    await clearPendingEarnings(server.ctx, new Date(clock.getTime() + 73 * HOUR));
    expect([await available(provider.user.id), await pending(provider.user.id)]).toEqual([2n * NET, 0n]);
  });

  it("is possible only within 24 hours after the session ended", async () => {
    const { customer, sessionId, endedAt } = await endedSession(1);
    const saved = clock;
    try {
      clock = new Date(endedAt.getTime() + 24 * HOUR + 1);
      expect((await customer.client.get(`/api/v1/sessions/${sessionId}/reports`)).json).toMatchObject({ canReport: false, report: null });
      const late = await customer.client.post(`/api/v1/sessions/${sessionId}/reports`, { reason: "technical_failure" });
      expect([late.status, late.json.error.code]).toEqual([409, "invalid_state"]);
      clock = new Date(endedAt.getTime() + 24 * HOUR);
      expect((await customer.client.get(`/api/v1/sessions/${sessionId}/reports`)).json).toMatchObject({ canReport: true });
      expect((await customer.client.post(`/api/v1/sessions/${sessionId}/reports`, { reason: "technical_failure" })).status).toBe(201);
    } finally {
      clock = saved;
    }
  });
});

describe("consultation disputes", () => {
  it("can give back the charged blocks still pending, with the evidence pack attached", async () => {
    const { provider, customer, orderId, sessionId } = await endedSession(3);
    const opened = await customer.client.post(`/api/v1/orders/${orderId}/disputes`, { reason: "It was not a consultation" });
    expect(opened.status, opened.text).toBe(201);
    const disputeId = opened.json.dispute.id;
    const evidence = await provider.client.get(`/api/v1/disputes/${disputeId}/evidence`);
    expect(evidence.json.sessions).toMatchObject([{ sessionId, blocksCharged: 3, pendingMinor: Number(3n * PRICE) }]);

    // Nothing is held once the prepaid block was used; the pending blocks are what can go back.
    const customerBefore = await available(customer.user.id);
    const commissionBefore = await commission();
    const resolved = await moderator.client.post(`/api/v1/moderation/disputes/${disputeId}/resolve`, {
      toProviderMinor: 0,
      toCustomerMinor: 0,
      reason: "Refund the session",
      refundPendingBlocks: true,
    });
    expect(resolved.status, resolved.text).toBe(200);
    expect(resolved.json.dispute).toMatchObject({ status: "resolved", pendingRefundedMinor: Number(3n * PRICE) });
    expect(await available(customer.user.id)).toBe(customerBefore + 3n * PRICE);
    expect(await pending(provider.user.id)).toBe(0n);
    expect(await commission()).toBe(commissionBefore - 3n * COMMISSION);
  });

  it("refuses to give back blocks on other orders' disputes", async () => {
    const provider = await registerUser(server);
    const customer = await registerUser(server);
    const tweep = await publishConsultation(server, provider.user.id, { videoPriceMinor: PRICE });
    await server.ctx.db.update((await import("../../db/schema.ts")).tweeps).set({ type: "work", priceMinor: PRICE }).where(eq((await import("../../db/schema.ts")).tweeps.id, tweep.id));
    await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 100_000 });
    const placed = await customer.client.post("/api/v1/orders", { tweepId: tweep.id });
    expect(placed.status).toBe(201);
    const disputeId = (await customer.client.post(`/api/v1/orders/${placed.json.order.id}/disputes`, { reason: "late" })).json.dispute.id;
    const entries = await entryCount();
    const refused = await moderator.client.post(`/api/v1/moderation/disputes/${disputeId}/resolve`, {
      toProviderMinor: 0,
      toCustomerMinor: Number(PRICE),
      reason: "refund",
      refundPendingBlocks: true,
    });
    expect([refused.status, refused.json.error.code]).toEqual([400, "validation_failed"]);
    expect(await entryCount()).toBe(entries);
  });
});
