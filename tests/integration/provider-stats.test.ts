import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consultationSessions, ledgerAccounts, ledgerEntries, ledgerTransactions } from "../../db/schema.ts";
import { commissionAccountOf } from "../../server/domain/ledger/commission-shards.ts";
import { ensureAccounts } from "../../server/domain/ledger/ledger-accounts.ts";
import { postTransfer } from "../../server/domain/ledger/post-transfer.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { withTransaction } from "../../db/with-transaction.ts";
import { ask, createSocketPool, nextEvent, publishConsultation, waitUntil } from "../fixtures/live-fixtures.ts";
import { registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// SPEC 18 statistics: the series must equal sums read straight from the ledger, bucketed by
// an independent implementation (Intl in the provider's zone), across midnights and a DST change.
let server: TestServer;
const pool = createSocketPool();
beforeAll(async () => {
  server = await startTestServer(
    { BILLING_BLOCK_SECONDS: "2", BILLING_VOID_SECONDS: "1", CALL_RING_SECONDS: "5", SESSION_PARTY_TIMEOUT_SECONDS: "3" },
    { rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } },
  );
});
afterAll(async () => {
  pool.closeAll();
  expect(await verifyLedger(server.ctx.db)).toMatchObject({ ok: true, accountsSumMinor: 0, entriesSumMinor: 0 });
  await server?.stop();
});

const SESSION_KINDS = ["session_block", "session_prepaid_block"];

/** Moves money from the customer to the provider (less commission) as of `at`, with `kind`. */
async function pay(customerId: string, providerId: string, priceMinor: bigint, kind: string, at: Date) {
  const key = `stats-test:${randomUUID()}`;
  await withTransaction(server.ctx.db, async (tx) => {
    const [payer, provider, commission] = await ensureAccounts(tx, [{ userId: customerId }, { userId: providerId }, commissionAccountOf(key)], "RUB");
    const commissionMinor = priceMinor / 5n;
    const { transactionId } = await postTransfer(tx, {
      idempotencyKey: key,
      kind,
      legs: [
        { accountId: payer!.id, amountMinor: -priceMinor },
        { accountId: provider!.id, amountMinor: priceMinor - commissionMinor },
        { accountId: commission!.id, amountMinor: commissionMinor },
      ],
    });
    // History is backdated: the append-only trigger (rightly) refuses an UPDATE, so this
    // test-only transaction runs with triggers off (as a replica would apply it).
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.update(ledgerTransactions).set({ createdAt: at }).where(eq(ledgerTransactions.id, transactionId));
  });
}

function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}
function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
}

// Instants at both sides of local midnights in each zone, on the US fall-back day
// (2026-11-01), and outside the range.
const instants = [
  "2026-10-25T12:00:00Z", // before the range
  "2026-10-26T00:30:00Z",
  "2026-10-31T23:30:00Z",
  "2026-11-01T04:30:00Z", // New York 00:30 EDT
  "2026-11-01T05:30:00Z", // New York 01:30 EDT (the first one)
  "2026-11-01T06:30:00Z", // New York 01:30 EST (the repeated hour)
  "2026-11-02T04:59:00Z", // New York 23:59 Nov 1
  "2026-11-02T05:01:00Z", // New York 00:01 Nov 2
  "2026-11-10T18:14:00Z", // Kathmandu 23:59 Nov 10
  "2026-11-10T18:16:00Z", // Kathmandu 00:01 Nov 11
  "2026-11-15T23:59:00Z",
  "2026-11-16T12:00:00Z", // after the range (in most zones)
].map((iso) => new Date(iso));

describe("statistics", () => {
  const table = [
    { zone: "Asia/Kathmandu", bucket: "day" },
    { zone: "America/New_York", bucket: "day" },
    { zone: "America/New_York", bucket: "week" },
    { zone: "UTC", bucket: "week" },
  ] as const;
  for (const { zone, bucket } of table) {
    it(`earnings and calls per ${bucket} in ${zone} equal sums read straight from the ledger`, async () => {
      const provider = await registerUser(server);
      const customer = await registerUser(server);
      await provider.client.patch("/api/v1/me", { timeZone: zone });
      expect((await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 1_000_000 })).status).toBe(201);
      const tweep = await publishConsultation(server, provider.user.id, { textPriceMinor: 500n });
      const order = (await customer.client.post("/api/v1/orders", { tweepId: tweep.id, medium: "text" })).json.order;
      for (const [index, at] of instants.entries()) {
        await pay(customer.user.id, provider.user.id, BigInt(1_000 + index * 10), index % 2 ? "session_block" : "session_prepaid_block", at);
        // Money that is not consultation time does not count as consultation earnings.
        await pay(customer.user.id, provider.user.id, 7_777n, "work_release", at);
        await server.ctx.db.insert(consultationSessions).values({
          orderId: order.id,
          customerId: customer.user.id,
          providerId: provider.user.id,
          medium: "text",
          status: index % 3 === 0 ? "missed" : "ended",
          blockPriceMinor: 500n,
          ringExpiresAt: at,
          createdAt: at,
          ...(index % 3 === 0 ? {} : { answeredAt: at, clockStartedAt: at, endedAt: new Date(at.getTime() + (index + 1) * 60_000) }),
        });
      }

      const from = "2026-10-26";
      const to = "2026-11-15";
      const stats = await provider.client.get(`/api/v1/me/stats?from=${from}&to=${to}&bucket=${bucket}`);
      expect(stats.status, stats.text).toBe(200);
      expect(stats.json.timeZone).toBe(zone);

      // Straight from the ledger: the provider's account entries of session kinds.
      const entries = await server.ctx.db
        .select({ amountMinor: ledgerEntries.amountMinor, createdAt: ledgerTransactions.createdAt, transactionId: ledgerTransactions.id })
        .from(ledgerEntries)
        .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
        .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
        .where(and(eq(ledgerAccounts.userId, provider.user.id), inArray(ledgerTransactions.kind, SESSION_KINDS)));
      const payerLegs = await server.ctx.db
        .select({ amountMinor: ledgerEntries.amountMinor, transactionId: ledgerEntries.transactionId })
        .from(ledgerEntries)
        .where(inArray(ledgerEntries.transactionId, entries.map((e) => e.transactionId)));
      const lastDay = bucket === "week" ? new Date(Date.parse(`${mondayOf(to)}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10) : to;
      const firstDay = bucket === "week" ? mondayOf(from) : from;
      const keyOf = (instant: Date) => {
        const date = localDate(instant, zone);
        if (date < firstDay || date > lastDay) return null;
        return bucket === "week" ? mondayOf(date) : date;
      };
      const expected = new Map<string, { net: number; gross: number; answered: number; missed: number; sessions: number }>();
      const at = (key: string) => expected.get(key) ?? expected.set(key, { net: 0, gross: 0, answered: 0, missed: 0, sessions: 0 }).get(key)!;
      for (const entry of entries) {
        const key = keyOf(entry.createdAt);
        if (!key) continue;
        at(key).net += Number(entry.amountMinor);
        at(key).gross += payerLegs.filter((leg) => leg.transactionId === entry.transactionId && leg.amountMinor < 0n).reduce((sum, leg) => sum - Number(leg.amountMinor), 0);
      }
      const sessions = await server.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.providerId, provider.user.id));
      for (const session of sessions) {
        const callKey = keyOf(session.createdAt);
        if (callKey && session.answeredAt) at(callKey).answered += 1;
        if (callKey && session.status === "missed") at(callKey).missed += 1;
        const endKey = session.endedAt && session.clockStartedAt ? keyOf(session.endedAt) : null;
        if (endKey) at(endKey).sessions += 1;
      }

      const series = stats.json.series as { start: string; earningsMinor: number; grossMinor: number; answered: number; missed: number; sessions: number }[];
      expect(series[0]!.start).toBe(firstDay);
      // 2026-10-26 is a Monday and 2026-11-15 a Sunday: three whole weeks, 21 days.
      expect(series.length).toBe(bucket === "week" ? 3 : 21);
      for (const point of series) {
        const want = expected.get(point.start) ?? { net: 0, gross: 0, answered: 0, missed: 0, sessions: 0 };
        expect([point.start, point.earningsMinor, point.grossMinor, point.answered, point.missed, point.sessions]).toEqual([
          point.start,
          want.net,
          want.gross,
          want.answered,
          want.missed,
          want.sessions,
        ]);
      }
      // Every expected bucket is one of the series' (nothing fell outside), and the totals add up.
      expect([...expected.keys()].every((key) => series.some((point) => point.start === key))).toBe(true);
      expect(stats.json.totals.earningsMinor).toBe([...expected.values()].reduce((sum, v) => sum + v.net, 0));
      expect(stats.json.totals.earningsMinor).toBeGreaterThan(0);
    });
  }

  it("refuses a bad range and a bad bucket", async () => {
    const user = await registerUser(server);
    expect((await user.client.get("/api/v1/me/stats?from=2026-11-10&to=2026-11-01")).status).toBe(400);
    expect((await user.client.get("/api/v1/me/stats?bucket=month")).status).toBe(400);
    expect((await user.client.get("/api/v1/me/stats?from=yesterday")).status).toBe(400);
    expect((await server.client().get("/api/v1/me/stats")).status).toBe(401);
  });
});

describe("after each session", () => {
  it("the provider is e-mailed the earnings and the customer a report, with absolute links; both list it", async () => {
    const provider = await registerUser(server);
    const customer = await registerUser(server);
    await provider.client.patch("/api/v1/me", { email: `earner-${provider.user.id}@example.test`, language: "en" });
    await customer.client.patch("/api/v1/me", { email: `client-${customer.user.id}@example.test`, language: "ru" });
    await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 10_000 });
    const tweep = await publishConsultation(server, provider.user.id, { textPriceMinor: 1_000n });
    const order = (await customer.client.post("/api/v1/orders", { tweepId: tweep.id, medium: "text" })).json.order;
    const providerSocket = await pool.connect(server.url, provider.client);
    const customerSocket = await pool.connect(server.url, customer.client);
    await provider.client.request("PUT", "/api/v1/me/status", { status: "available" });
    const ringing = nextEvent(providerSocket, "call:ringing");
    await ask(customerSocket, "call:start", { orderId: order.id });
    const { sessionId } = await ringing;
    await ask(providerSocket, "call:answer", { sessionId });
    // Text: the clock starts at the customer's second message; then two blocks of 2 s are charged.
    await ask(customerSocket, "chat:send", { orderId: order.id, body: "Hello" });
    await ask(customerSocket, "chat:send", { orderId: order.id, body: "Are you there?" });
    const beat = setInterval(() => {
      void ask(customerSocket, "session:heartbeat", { sessionId }).catch(() => {});
      void ask(providerSocket, "session:heartbeat", { sessionId }).catch(() => {});
    }, 500);
    try {
      await waitUntil(
        () => server.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.id, sessionId)),
        ([row]) => (row?.blocksCharged ?? 0) >= 2,
      );
    } finally {
      clearInterval(beat);
    }
    expect((await ask(customerSocket, "session:end", { sessionId })).ok).toBe(true);
    const [ended] = await server.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.id, sessionId));
    const blocks = ended!.blocksCharged;

    const mails = await waitUntil(
      () => server.ctx.db.query.outboxMessages.findMany(),
      (all) => all.some((m) => m.recipient.startsWith("earner-" + provider.user.id)) && all.some((m) => m.recipient.startsWith("client-" + customer.user.id) && /Отчёт/.test(m.subject ?? "")),
    );
    const earnings = mails.find((m) => m.recipient.startsWith("earner-" + provider.user.id) && /You earned/.test(m.subject ?? ""))!;
    const net = blocks * 800;
    expect(earnings.body).toContain(`Blocks: ${blocks}`);
    expect(earnings.body).toContain(`Gross: ${(blocks * 1000) / 100}.00 RUB`);
    expect(earnings.body).toContain(`Commission: ${(blocks * 200) / 100}.00 RUB`);
    expect(earnings.body).toContain(`Net: ${net / 100}.00 RUB`);
    expect(earnings.body).toContain(`${server.url}/orders/${order.id}`);
    const report = mails.find((m) => m.recipient.startsWith("client-" + customer.user.id) && /Отчёт/.test(m.subject ?? ""))!;
    expect(report.body).toContain(`Блоков: ${blocks}`);
    expect(report.body).toContain(`Списано: ${(blocks * 1000) / 100}.00 RUB`);
    expect(report.body).toContain(`${server.url}/orders/${order.id}`);

    const asProvider = await provider.client.get("/api/v1/me/consultations?as=provider");
    expect(asProvider.status, asProvider.text).toBe(200);
    expect(asProvider.json.consultations).toMatchObject([
      { id: sessionId, orderId: order.id, blocks, grossMinor: blocks * 1000, commissionMinor: blocks * 200, netMinor: net, customerId: customer.user.id },
    ]);
    const asCustomer = await customer.client.get("/api/v1/me/consultations?as=customer&from=2000-01-01");
    expect(asCustomer.json.consultations.map((c: { id: string }) => c.id)).toEqual([sessionId]);
    expect((await customer.client.get("/api/v1/me/consultations?as=provider")).json.consultations).toEqual([]);
    expect((await customer.client.get("/api/v1/me/consultations?as=boss")).status).toBe(400);

    const dayStart = new Date(Date.now() - 3_600_000).toISOString();
    const calls = await provider.client.get(`/api/v1/me/calls?from=${dayStart}&to=${new Date(Date.now() + 60_000).toISOString()}`);
    expect(calls.json.calls).toMatchObject([{ id: sessionId, outcome: "answered", retry: false, customerId: customer.user.id }]);
    const stats = await provider.client.get("/api/v1/me/stats");
    expect(stats.json.totals).toMatchObject({ earningsMinor: net, sessions: 1, answered: 1 });
  });
});
