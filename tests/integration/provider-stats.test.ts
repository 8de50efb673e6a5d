import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments, consultationSessions, ledgerAccounts, ledgerEntries, ledgerTransactions, orders } from "../../db/schema.ts";
import { commissionAccountOf } from "../../server/domain/ledger/commission-shards.ts";
import { ensureAccounts } from "../../server/domain/ledger/ledger-accounts.ts";
import { postTransfer } from "../../server/domain/ledger/post-transfer.ts";
import { refundBlock } from "../../server/domain/sessions/session-money.ts";
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

type Owner = { userId: string } | { pendingOf: string } | { appointmentId: string };
type Leg = { owner: Owner | "commission"; amountMinor: bigint };

/** Posts one transfer of `kind` as of `at` (history is backdated), legs by owner. */
async function post(kind: string, at: Date, legs: Leg[], orderId: string | null = null) {
  const key = `stats-test:${randomUUID()}`;
  await withTransaction(server.ctx.db, async (tx) => {
    const accounts = await ensureAccounts(tx, legs.map((leg) => (leg.owner === "commission" ? commissionAccountOf(key) : leg.owner)), "RUB");
    const { transactionId } = await postTransfer(tx, {
      idempotencyKey: key,
      kind,
      orderId,
      legs: legs.map((leg, index) => ({ accountId: accounts[index]!.id, amountMinor: leg.amountMinor })),
    });
    // The append-only trigger (rightly) refuses an UPDATE, so this test-only transaction runs
    // with triggers off (as a replica would apply it).
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.update(ledgerTransactions).set({ createdAt: at }).where(eq(ledgerTransactions.id, transactionId));
  });
}

/** A consultation charge as the metering posts it (SPEC 17): payer → provider's pending earnings and commission. */
function charge(kind: string, payer: Owner, providerId: string, priceMinor: bigint, at: Date, orderId: string) {
  const commissionMinor = priceMinor / 5n;
  return post(kind, at, [
    { owner: payer, amountMinor: -priceMinor },
    { owner: { pendingOf: providerId }, amountMinor: priceMinor - commissionMinor },
    { owner: "commission", amountMinor: commissionMinor },
  ], orderId);
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

// What the provider earned for consultations, read straight from the ledger rows (no SQL
// filters): the provider's own legs, pending or available, in transfers of these kinds where
// they are the provider (of the order, or of the appointment whose hold pays), plus a dispute's
// resolution on a consultation order; gross adds the commission's legs.
const EARNING_KINDS = new Set([
  "session_block",
  "session_prepaid_block",
  "appointment_block",
  "package_minute",
  "package_rest",
  "appointment_release",
  "appointment_cancellation",
  "appointment_no_show",
  "session_block_refund",
  "session_quality_credit",
  "appointment_block_refund",
  "session_report_refund",
]);

async function readEarningsFromLedger(providerId: string) {
  const rows = await server.ctx.db
    .select({
      transactionId: ledgerTransactions.id,
      kind: ledgerTransactions.kind,
      orderId: ledgerTransactions.orderId,
      createdAt: ledgerTransactions.createdAt,
      amountMinor: ledgerEntries.amountMinor,
      accountKind: ledgerAccounts.kind,
      userId: ledgerAccounts.userId,
      appointmentId: ledgerAccounts.appointmentId,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId));
  const myOrders = new Map((await server.ctx.db.select().from(orders).where(eq(orders.providerId, providerId))).map((o) => [o.id, o.type]));
  const myAppointments = new Set((await server.ctx.db.select({ id: appointments.id }).from(appointments).where(eq(appointments.providerId, providerId))).map((a) => a.id));
  const byTransaction = new Map<number, typeof rows>();
  for (const row of rows) byTransaction.set(row.transactionId, [...(byTransaction.get(row.transactionId) ?? []), row]);
  const earned: { at: Date; net: number; gross: number }[] = [];
  for (const legs of byTransaction.values()) {
    const { kind, orderId, createdAt } = legs[0]!;
    const asProvider =
      (EARNING_KINDS.has(kind) && ((orderId !== null && myOrders.has(orderId)) || legs.some((leg) => leg.appointmentId && myAppointments.has(leg.appointmentId)))) ||
      (kind === "dispute_resolution" && orderId !== null && myOrders.get(orderId) === "consultation");
    const mine = legs.filter((leg) => leg.userId === providerId && (leg.accountKind === "user" || leg.accountKind === "earnings_pending"));
    if (!asProvider || mine.length === 0) continue;
    const net = mine.reduce((sum, leg) => sum + Number(leg.amountMinor), 0);
    const commission = legs.filter((leg) => leg.accountKind === "commission").reduce((sum, leg) => sum + Number(leg.amountMinor), 0);
    earned.push({ at: createdAt, net, gross: net + commission });
  }
  return earned;
}

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
      // Another provider, whose customer our provider is: what they pay is not their earnings.
      const other = await registerUser(server);
      await provider.client.patch("/api/v1/me", { timeZone: zone });
      await other.client.patch("/api/v1/me", { timeZone: zone });
      expect((await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 1_000_000 })).status).toBe(201);
      expect((await provider.client.post("/api/v1/wallet/top-ups", { amountMinor: 1_000_000 })).status).toBe(201);
      const tweep = await publishConsultation(server, provider.user.id, { textPriceMinor: 500n });
      const order = (await customer.client.post("/api/v1/orders", { tweepId: tweep.id, medium: "text" })).json.order;
      const otherTweep = await publishConsultation(server, other.user.id, { textPriceMinor: 500n });
      const ownOrder = (await provider.client.post("/api/v1/orders", { tweepId: otherTweep.id, medium: "text" })).json.order;
      const payer = { userId: customer.user.id };
      const pending = { pendingOf: provider.user.id };
      const chargeKinds = ["session_block", "session_prepaid_block", "appointment_block", "package_minute"];
      // What this test means the provider to have earned (net), to check the ledger reading too.
      let booked = 0;
      for (const [index, at] of instants.entries()) {
        const priceMinor = BigInt(1_000 + index * 10);
        await charge(chargeKinds[index % chargeKinds.length]!, payer, provider.user.id, priceMinor, at, order.id);
        booked += Number(priceMinor - priceMinor / 5n);
        if (index % 3 === 1) {
          // A block given back (SPEC 18/19): it comes out of the earnings.
          await post("session_block_refund", at, [
            { owner: payer, amountMinor: priceMinor },
            { owner: pending, amountMinor: -(priceMinor - priceMinor / 5n) },
            { owner: "commission", amountMinor: -(priceMinor / 5n) },
          ], order.id);
          booked -= Number(priceMinor - priceMinor / 5n);
        } else {
          // Cleared to the available balance (SPEC 17): the same money, not earned twice.
          await post("earnings_cleared", at, [
            { owner: pending, amountMinor: -(priceMinor - priceMinor / 5n) },
            { owner: { userId: provider.user.id }, amountMinor: priceMinor - priceMinor / 5n },
          ], order.id);
        }
        // Money that is not consultation time does not count as consultation earnings.
        await post("work_release", at, [{ owner: payer, amountMinor: -7_777n }, { owner: pending, amountMinor: 7_777n }]);
        // Our provider as someone else's customer pays a block: not their earnings.
        await charge("session_block", { userId: provider.user.id }, other.user.id, 3_333n, at, ownOrder.id);
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
      // A late cancellation of an appointment (SPEC 16): its hold pays the provider one block
      // and gives the rest back; the transfer names no order, the hold names the provider.
      const appointmentId = randomUUID();
      const cancelledAt = instants[5]!;
      await server.ctx.db.insert(appointments).values({
        id: appointmentId,
        tweepId: tweep.id,
        customerId: customer.user.id,
        providerId: provider.user.id,
        medium: "text",
        status: "cancelled",
        startsAt: cancelledAt,
        endsAt: new Date(cancelledAt.getTime() + 3_600_000),
        blocks: 3,
        blockPriceMinor: 500n,
        priceMinor: 1_500n,
        refundedMinor: 1_000n,
        paidMinor: 500n,
        title: { en: "Appointment" },
        decideBy: cancelledAt,
      });
      await post("appointment_hold", cancelledAt, [{ owner: payer, amountMinor: -1_500n }, { owner: { appointmentId }, amountMinor: 1_500n }]);
      await post("appointment_cancellation", cancelledAt, [
        { owner: { appointmentId }, amountMinor: -1_500n },
        { owner: payer, amountMinor: 1_000n },
        { owner: pending, amountMinor: 400n },
        { owner: "commission", amountMinor: 100n },
      ]);
      booked += 400;
      // A dispute on the consultation order resolved partly for the provider.
      await post("dispute_resolution", instants[7]!, [
        { owner: payer, amountMinor: -500n },
        { owner: pending, amountMinor: 400n },
        { owner: "commission", amountMinor: 100n },
      ], order.id);
      booked += 400;

      const from = "2026-10-26";
      const to = "2026-11-15";
      const stats = await provider.client.get(`/api/v1/me/stats?from=${from}&to=${to}&bucket=${bucket}`);
      expect(stats.status, stats.text).toBe(200);
      expect(stats.json.timeZone).toBe(zone);

      const earned = await readEarningsFromLedger(provider.user.id);
      expect(earned.reduce((sum, e) => sum + e.net, 0)).toBe(booked);
      const lastDay = bucket === "week" ? new Date(Date.parse(`${mondayOf(to)}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10) : to;
      const firstDay = bucket === "week" ? mondayOf(from) : from;
      const keyOf = (instant: Date) => {
        const date = localDate(instant, zone);
        if (date < firstDay || date > lastDay) return null;
        return bucket === "week" ? mondayOf(date) : date;
      };
      const expected = new Map<string, { net: number; gross: number; answered: number; missed: number; sessions: number }>();
      const at = (key: string) => expected.get(key) ?? expected.set(key, { net: 0, gross: 0, answered: 0, missed: 0, sessions: 0 }).get(key)!;
      for (const entry of earned) {
        const key = keyOf(entry.at);
        if (!key) continue;
        at(key).net += entry.net;
        at(key).gross += entry.gross;
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
      // The other provider's statistics count what our provider paid them, and nothing of ours.
      const theirs = await other.client.get(`/api/v1/me/stats?from=${from}&to=${to}&bucket=${bucket}`);
      const inRange = instants.filter((instant) => keyOf(instant) !== null).length;
      expect(theirs.json.totals.earningsMinor).toBe(inRange * (3_333 - Math.floor(3_333 / 5)));
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

    // A block given back (a quality credit, SPEC 19) comes out of the session's billing detail
    // and out of the earnings.
    await withTransaction(server.ctx.db, async (tx) => {
      await refundBlock(tx, server.ctx.config, ended!, blocks - 1, { idempotencyKey: `session:${sessionId}:quality-credit:${blocks - 1}`, kind: "session_quality_credit", at: new Date() });
    });
    const credited = await provider.client.get("/api/v1/me/consultations?as=provider");
    expect(credited.json.consultations).toMatchObject([
      { id: sessionId, grossMinor: (blocks - 1) * 1000, commissionMinor: (blocks - 1) * 200, netMinor: net - 800 },
    ]);
    expect((await customer.client.get("/api/v1/me/consultations?as=customer")).json.consultations[0]).toMatchObject({ grossMinor: (blocks - 1) * 1000 });
    expect((await provider.client.get("/api/v1/me/stats")).json.totals).toMatchObject({ earningsMinor: net - 800, grossMinor: (blocks - 1) * 1000 });
  });
});
