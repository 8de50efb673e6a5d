import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consultationSessions, notifications } from "../../db/schema.ts";
import { sendAppointmentReminders } from "../../server/domain/appointments/send-appointment-reminders.ts";
import { sendSessionReports } from "../../server/domain/sessions/send-session-reports.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { autoAcceptOrders } from "../../server/domain/orders/auto-accept-orders.ts";
import { clearPendingEarnings } from "../../server/domain/earnings/clear-pending-earnings.ts";
import { ask, createSocketPool, nextEvent, publishConsultation, waitUntil } from "../fixtures/live-fixtures.ts";
import { publishWork } from "../fixtures/people-fixtures.ts";
import { makeAdmin, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

let server: TestServer;
const pool = createSocketPool();
beforeAll(async () => {
  server = await startTestServer({ CALL_RING_SECONDS: "1" }, { rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } });
});
afterAll(async () => {
  pool.closeAll();
  expect(await verifyLedger(server.ctx.db)).toMatchObject({ ok: true, accountsSumMinor: 0 });
  await server?.stop();
});

type Party = Awaited<ReturnType<typeof registerUser>>;
type Item = { id: string; kind: string; link: string; title: string; urgent: boolean; readAt: string | null };

async function inbox(party: Party): Promise<{ items: Item[]; unreadCount: number }> {
  const answer = await party.client.get("/api/v1/notifications?limit=100");
  expect(answer.status).toBe(200);
  return answer.json;
}
const kinds = async (party: Party) => (await inbox(party)).items.map((item) => item.kind).sort();

async function workOrder(provider: Party, customer: Party) {
  const tweep = await publishWork(server, provider.user.id);
  await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 20_000 });
  const placed = await customer.client.post("/api/v1/orders", { tweepId: tweep.id });
  expect(placed.status).toBe(201);
  return placed.json.order.id as string;
}

describe("the notification centre", () => {
  it("stores every kind of event, each linking to its page, and marks them read", async () => {
    const provider = await registerUser(server);
    const customer = await registerUser(server);
    const moderator = await registerUser(server);
    await makeAdmin(server, moderator.user.id);
    await provider.client.patch("/api/v1/me", { language: "en" });

    // Order status changes: created, delivered, returned, accepted.
    const first = await workOrder(provider, customer);
    const created = (await inbox(provider)).items.find((item) => item.kind === "order_created");
    expect(created).toMatchObject({ link: `/orders/${first}`, title: 'New order: "Logo"', readAt: null });
    expect((await provider.client.post(`/api/v1/orders/${first}/deliver`)).status).toBe(200);
    expect((await customer.client.post(`/api/v1/orders/${first}/return`)).status).toBe(200);
    expect((await provider.client.post(`/api/v1/orders/${first}/deliver`)).status).toBe(200);
    expect((await customer.client.post(`/api/v1/orders/${first}/accept`)).status).toBe(200);
    // Refused, and accepted automatically.
    const second = await workOrder(provider, customer);
    expect((await provider.client.post(`/api/v1/orders/${second}/refuse`)).status).toBe(200);
    const third = await workOrder(provider, customer);
    expect((await provider.client.post(`/api/v1/orders/${third}/deliver`)).status).toBe(200);
    const { accepted } = await autoAcceptOrders(server.ctx, new Date(Date.now() + 30 * 86_400_000));
    expect(accepted).toContain(third);
    // A dispute, a message in it and its resolution.
    const fourth = await workOrder(provider, customer);
    const dispute = await customer.client.post(`/api/v1/orders/${fourth}/disputes`, { reason: "Nothing yet" });
    expect(dispute.status).toBe(201);
    const disputeId = dispute.json.dispute.id as string;
    expect((await provider.client.post(`/api/v1/disputes/${disputeId}/messages`, { body: "Working on it" })).status).toBe(201);
    const resolved = await moderator.client.post(`/api/v1/moderation/disputes/${disputeId}/resolve`, {
      toProviderMinor: 0,
      toCustomerMinor: 20_000,
      reason: "refund",
    });
    expect(resolved.status).toBe(200);
    // A payout sent, once the accepted work's earnings have cleared (SPEC 17).
    await clearPendingEarnings(server.ctx, new Date(Date.now() + 73 * 3_600_000));
    const payout = await provider.client.post("/api/v1/wallet/payouts", { amountMinor: 1_000 });
    expect(payout.status).toBe(201);
    expect((await moderator.client.post(`/api/v1/admin/payouts/${payout.json.payout.id}/paid`)).status).toBe(200);

    // A missed call reaches the provider's bell live, with the unread count.
    const consultation = await publishConsultation(server, provider.user.id, { textPriceMinor: 5_000n });
    await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 5_000 });
    const call = await customer.client.post("/api/v1/orders", { tweepId: consultation.id, medium: "text" });
    const providerSocket = await pool.connect(server.url, provider.client);
    const customerSocket = await pool.connect(server.url, customer.client);
    expect((await provider.client.request("PUT", "/api/v1/me/status", { status: "available" })).status).toBe(200);
    const bell = nextEvent(providerSocket, "notification:new", (payload: { notification: Item; unreadCount: number }) => payload.notification.kind === "call_missed");
    expect((await ask(customerSocket, "call:start", { orderId: call.json.order.id })).ok).toBe(true);
    const missed = await bell;
    expect(missed.notification.link).toBe(`/orders/${call.json.order.id}`);

    expect(await kinds(provider)).toEqual(
      [
        "call_missed",
        "dispute_opened",
        "dispute_resolved",
        "order_accepted",
        "order_accepted",
        "order_created",
        "order_created",
        "order_created",
        "order_created",
        "order_created",
        "order_returned",
        "payout_paid",
      ].sort(),
    );
    expect(await kinds(customer)).toEqual(
      ["dispute_message", "dispute_resolved", "order_accepted", "order_delivered", "order_delivered", "order_delivered", "order_refused"].sort(),
    );
    const providerInbox = await inbox(provider);
    expect(missed.unreadCount).toBe(providerInbox.unreadCount);
    expect(providerInbox.unreadCount).toBe(12);
    expect(providerInbox.items.find((item) => item.kind === "dispute_opened")!.link).toBe(`/disputes/${disputeId}`);
    expect(providerInbox.items.find((item) => item.kind === "payout_paid")!.link).toBe("/finances");

    // Marking one read; another user's ids change nothing of theirs; then all.
    const one = providerInbox.items[0]!;
    const readLive = nextEvent(providerSocket, "notification:read");
    expect((await provider.client.post("/api/v1/notifications/read", { ids: [one.id] })).json).toEqual({ unreadCount: 11 });
    expect((await readLive).unreadCount).toBe(11);
    const customerBefore = (await inbox(customer)).unreadCount;
    expect((await provider.client.post("/api/v1/notifications/read", { ids: (await inbox(customer)).items.map((i) => i.id) })).json).toEqual({ unreadCount: 11 });
    expect((await inbox(customer)).unreadCount).toBe(customerBefore);
    expect((await provider.client.post("/api/v1/notifications/read", { ids: ["not-an-id"] })).status).toBe(400);
    expect((await provider.client.post("/api/v1/notifications/read", {})).json).toEqual({ unreadCount: 0 });
    const rows = await server.ctx.db.select().from(notifications).where(eq(notifications.userId, provider.user.id));
    expect(rows.every((row) => row.readAt !== null)).toBe(true);
    expect((await server.client().get("/api/v1/notifications")).status).toBe(401);
  });

  it("stores the kinds that came later: queue turns and closings, a session's reports, session reports, appointments and their reminders", async () => {
    const provider = await registerUser(server);
    const customer = await registerUser(server);
    await provider.client.patch("/api/v1/me", { name: "Vera" });
    await customer.client.patch("/api/v1/me", { language: "en" });
    const consultation = await publishConsultation(server, provider.user.id, { textPriceMinor: 1_000n });
    await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 10_000 });
    const placed = await customer.client.post("/api/v1/orders", { tweepId: consultation.id, medium: "text" });
    expect(placed.status, placed.text).toBe(201);
    const orderId = placed.json.order.id as string;

    // The waiting list (SPEC 15): the turn is stored and urgent, then the queue closes.
    await pool.connect(server.url, provider.client);
    const customerSocket = await pool.connect(server.url, customer.client);
    expect((await provider.client.request("PUT", "/api/v1/me/status", { status: "busy" })).status).toBe(200);
    expect((await customer.client.post(`/api/v1/orders/${orderId}/queue`)).status).toBe(201);
    const bell = nextEvent(customerSocket, "notification:new", (payload: { notification: Item }) => payload.notification.kind === "queue_turn");
    expect((await provider.client.post("/api/v1/me/queue/invite-next")).status).toBe(200);
    const turn = (await bell).notification;
    expect(turn).toMatchObject({ link: `/orders/${orderId}`, urgent: true, title: 'Your turn: "Live advice"', body: expect.stringContaining("Vera is waiting for you") });
    expect((await provider.client.request("PUT", "/api/v1/me/status", { status: "not_set" })).status).toBe(200);
    await waitUntil(() => kinds(customer), (seen) => seen.includes("queue_closed"));

    // A session's e-mails (SPEC 15) and its report (SPEC 17).
    const now = new Date();
    const [session] = await server.ctx.db
      .insert(consultationSessions)
      .values({
        orderId,
        customerId: customer.user.id,
        providerId: provider.user.id,
        medium: "text",
        status: "ended",
        blockPriceMinor: 1_000n,
        ringExpiresAt: now,
        answeredAt: now,
        clockStartedAt: new Date(now.getTime() - 300_000),
        endedAt: now,
      })
      .returning();
    await sendSessionReports(server.ctx, session!);
    expect((await customer.client.post(`/api/v1/sessions/${session!.id}/reports`, { reason: "provider_absent" })).status).toBe(201);

    // An appointment (SPEC 16): requested, accepted, and the reminder a day before, urgent.
    const hours = Array.from({ length: 168 }, (_, index) => index);
    expect((await provider.client.request("PUT", "/api/v1/me/availability", { timeZone: "UTC", hours })).status).toBe(200);
    const startsAt = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 2 * 86_400_000);
    const booked = await customer.client.post("/api/v1/appointments", { tweepId: consultation.id, medium: "text", startsAt: startsAt.toISOString(), blocks: 1 });
    expect(booked.status, booked.text).toBe(201);
    const appointmentId = booked.json.appointment.id as string;
    expect((await provider.client.post(`/api/v1/appointments/${appointmentId}/accept`)).status).toBe(200);
    await sendAppointmentReminders({ ...server.ctx, now: () => new Date(startsAt.getTime() - 23 * 3_600_000) });

    const customerItems = (await inbox(customer)).items;
    const providerItems = (await inbox(provider)).items;
    const pick = (items: Item[]) => items.map((item) => [item.kind, item.link, item.urgent]);
    expect(pick(customerItems)).toEqual(
      expect.arrayContaining([
        ["queue_turn", `/orders/${orderId}`, true],
        ["queue_closed", `/orders/${orderId}`, false],
        ["session_report", `/orders/${orderId}`, false],
        ["session_reported", `/sessions/${session!.id}`, false],
        ["appointment_changed", `/appointments#${appointmentId}`, false],
        ["appointment_changed", `/appointments#${appointmentId}`, true],
      ]),
    );
    expect(pick(providerItems)).toEqual(
      expect.arrayContaining([
        ["session_earnings", `/orders/${orderId}`, false],
        ["session_reported", `/sessions/${session!.id}`, false],
        ["appointment_changed", `/appointments#${appointmentId}`, false],
        ["appointment_changed", `/appointments#${appointmentId}`, true],
      ]),
    );
    const reminders = await server.ctx.db.select().from(notifications).where(eq(notifications.kind, "appointment_changed"));
    const changes = (userId: string) => reminders.filter((row) => row.userId === userId).map((row) => [(row.data as { change: string }).change, row.urgent]);
    expect(changes(customer.user.id).sort()).toEqual([
      ["appointment_accepted", false],
      ["appointment_reminder_day", true],
    ]);
    expect(changes(provider.user.id).sort()).toEqual([
      ["appointment_reminder_day", true],
      ["appointment_requested", false],
    ]);
    // Every one of them is stored unread, and all are marked read at once.
    expect((await customer.client.post("/api/v1/notifications/read", {})).json).toEqual({ unreadCount: 0 });
  });
});
