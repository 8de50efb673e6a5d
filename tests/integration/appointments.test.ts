import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments, consultationSessions, ledgerTransactions, notifications, orders, outboxMessages, packagePurchases, pendingEarnings, queueEntries, sessionBlockQuality, tweeps, users } from "../../db/schema.ts";
import { clearPendingEarnings } from "../../server/domain/earnings/clear-pending-earnings.ts";
import { upholdSessionReport } from "../../server/domain/reports/uphold-session-report.ts";
import { closeQueue } from "../../server/domain/queue/close-queue.ts";
import { autoRejectAppointments } from "../../server/domain/appointments/auto-reject-appointments.ts";
import { sendAppointmentReminders } from "../../server/domain/appointments/send-appointment-reminders.ts";
import { recordAppointmentPresence } from "../../server/domain/appointments/record-appointment-presence.ts";
import { startAppointmentChat } from "../../server/domain/appointments/start-appointment-chat.ts";
import { readCommissionBalanceMinor } from "../../server/domain/ledger/commission-shards.ts";
import { readAppointmentHeldMinor, readPendingEarningsMinor, readUserBalanceMinor } from "../../server/domain/ledger/ledger-accounts.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { readProviderRating } from "../../server/domain/reviews/read-provider-rating.ts";
import { answerCall } from "../../server/domain/sessions/answer-call.ts";
import { endSession } from "../../server/domain/sessions/end-session.ts";
import { meterLiveSessions } from "../../server/domain/sessions/meter-live-sessions.ts";
import { recordSessionHeartbeat } from "../../server/domain/sessions/record-session-heartbeat.ts";
import { startSessionClock } from "../../server/domain/sessions/start-session-clock.ts";
import { expireRingingCalls } from "../../server/domain/sessions/expire-ringing-calls.ts";
import { stopRinging } from "../../server/domain/sessions/stop-ringing.ts";
import { makeAdmin, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// SPEC 16. The server runs on a clock the tests set, so "24 hours before", "10 minutes after
// the start" and a DST change are exact instants, not waits.
let clock = new Date("2027-03-10T09:00:00Z");
const setClock = (at: string | Date) => {
  clock = new Date(at);
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(
    // Sessions here are driven by hand: parties never time out while the clock jumps.
    { SESSION_PARTY_TIMEOUT_SECONDS: "10000000", RECONNECT_GRACE_SECONDS: "10000000" },
    // The test server has a REDIS_PREFIX of its own: this server's clock runs years ahead, and
    // its presence sweep must not expire the users of servers in other files sharing the Redis.
    { now: () => clock, rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } },
  );
});
afterAll(async () => {
  const report = await verifyLedger(server.ctx.db);
  expect(report).toMatchObject({ ok: true, accountsSumMinor: 0, entriesSumMinor: 0 });
  await server?.stop();
});

const BLOCK = 10_000n; // 100.00 a block; commission 20 %: 8 000 net, 2 000 commission.
const ALL_HOURS = Array.from({ length: 168 }, (_, index) => index);

const balance = (userId: string) => readUserBalanceMinor(server.ctx.db, userId);
// SPEC 17: what reaches a provider is pending first; nothing of it is available until it clears.
const pending = (userId: string) => readPendingEarningsMinor(server.ctx.db, userId);
const held = (appointmentId: string) => readAppointmentHeldMinor(server.ctx.db, appointmentId);
const commission = () => readCommissionBalanceMinor(server.ctx.db);

async function readRow(id: string) {
  const [row] = await server.ctx.db.select().from(appointments).where(eq(appointments.id, id));
  return row!;
}

async function setUp(options: { zone?: string; hours?: number[]; fundMinor?: number } = {}) {
  setClock(clock);
  const provider = await registerUser(server);
  const customer = await registerUser(server);
  const grid = await provider.client.request("PUT", "/api/v1/me/availability", { timeZone: options.zone ?? "UTC", hours: options.hours ?? ALL_HOURS });
  expect(grid.status, grid.text).toBe(200);
  const [tweep] = await server.ctx.db
    .insert(tweeps)
    .values({
      providerId: provider.user.id,
      type: "consultation",
      status: "published",
      languages: ["ru", "en"],
      title: { ru: "Консультация", en: "Consultation" },
      description: { ru: "Описание", en: "Description" },
      category: "it",
      videoPriceMinor: BLOCK,
      textPriceMinor: BLOCK,
      publishedAt: clock,
    })
    .returning();
  if ((options.fundMinor ?? 1_000_000) > 0) {
    const top = await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: options.fundMinor ?? 1_000_000 });
    expect(top.status, top.text).toBe(201);
  }
  return { provider, customer, tweep: tweep! };
}

type Scene = Awaited<ReturnType<typeof setUp>>;

async function book(scene: Scene, startsAt: Date, blocks = 3, key?: string) {
  return scene.customer.client.post(
    "/api/v1/appointments",
    { tweepId: scene.tweep.id, medium: "text", startsAt: startsAt.toISOString(), blocks },
    key ? { "idempotency-key": key } : {},
  );
}

async function bookAccepted(scene: Scene, startsAt: Date, blocks = 3) {
  const booked = await book(scene, startsAt, blocks);
  expect(booked.status, booked.text).toBe(201);
  const accepted = await scene.provider.client.post(`/api/v1/appointments/${booked.json.appointment.id}/accept`);
  expect(accepted.status, accepted.text).toBe(200);
  return accepted.json.appointment as { id: string; startsAt: string; endsAt: string };
}

describe("slots across daylight-saving changes", () => {
  // US clocks change on 2027-03-14, European ones on 2027-03-28; Moscow keeps UTC+3.
  const range = "from=2027-03-12T00:00:00Z&to=2027-03-31T00:00:00Z";
  const firstLocal = (slots: { startsAt: string; local: string }[], day: string) => slots.find((slot) => slot.local.startsWith(day))?.local;
  const firstUtc = (slots: { startsAt: string; local: string }[], day: string) => slots.find((slot) => slot.startsAt.startsWith(day))?.startsAt;

  it("a Moscow provider's hours, seen from Berlin and New York", async () => {
    setClock("2027-03-10T09:00:00Z");
    const daily = [0, 1, 2, 3, 4, 5, 6].flatMap((day) => [day * 24 + 10, day * 24 + 11]);
    const scene = await setUp({ zone: "Europe/Moscow", hours: daily });
    const berlin = await scene.customer.client.get(`/api/v1/providers/${scene.provider.user.id}/slots?${range}&blocks=2&tz=Europe/Berlin`);
    expect(berlin.status, berlin.text).toBe(200);
    expect(berlin.json).toMatchObject({ timeZone: "Europe/Berlin", blocks: 2, blockSeconds: 900 });
    const slots = berlin.json.slots as { startsAt: string; endsAt: string; local: string }[];
    // 10:00–12:00 Moscow is 07:00–09:00 UTC every day; two blocks fit from 10:00 to 11:30.
    expect(slots.filter((slot) => slot.startsAt.startsWith("2027-03-27")).map((slot) => slot.startsAt.slice(11, 16))).toEqual(["07:00", "07:15", "07:30", "07:45", "08:00", "08:15", "08:30"]);
    expect(slots.every((slot) => Date.parse(slot.endsAt) - Date.parse(slot.startsAt) === 30 * 60_000)).toBe(true);
    expect(firstLocal(slots, "2027-03-27")).toBe("2027-03-27T08:00");
    expect(firstLocal(slots, "2027-03-29")).toBe("2027-03-29T09:00");

    // The viewer's own zone (their settings) when no tz is given.
    await server.ctx.db.update(users).set({ timeZone: "America/New_York" }).where(eq(users.id, scene.customer.user.id));
    const newYork = await scene.customer.client.get(`/api/v1/providers/${scene.provider.user.id}/slots?${range}&blocks=2`);
    expect(newYork.json.timeZone).toBe("America/New_York");
    expect(firstLocal(newYork.json.slots, "2027-03-13")).toBe("2027-03-13T02:00");
    expect(firstLocal(newYork.json.slots, "2027-03-15")).toBe("2027-03-15T03:00");
    expect(newYork.json.slots.map((slot: { startsAt: string }) => slot.startsAt)).toEqual(slots.map((slot) => slot.startsAt));
  });

  it("Berlin and New York providers' hours, seen from Moscow", async () => {
    setClock("2027-03-10T09:00:00Z");
    const daily = [0, 1, 2, 3, 4, 5, 6].map((day) => day * 24 + 10);
    const berlinProvider = await setUp({ zone: "Europe/Berlin", hours: daily, fundMinor: 0 });
    const fromBerlin = await server.client().get(`/api/v1/providers/${berlinProvider.provider.user.id}/slots?${range}&tz=Europe/Moscow`);
    expect(fromBerlin.status, fromBerlin.text).toBe(200);
    // 10:00 in Berlin: 09:00 UTC (12:00 Moscow) in winter, 08:00 UTC (11:00 Moscow) in summer.
    expect(firstUtc(fromBerlin.json.slots, "2027-03-27")).toBe("2027-03-27T09:00:00.000Z");
    expect(firstLocal(fromBerlin.json.slots, "2027-03-27")).toBe("2027-03-27T12:00");
    expect(firstUtc(fromBerlin.json.slots, "2027-03-28")).toBe("2027-03-28T08:00:00.000Z");
    expect(firstLocal(fromBerlin.json.slots, "2027-03-29")).toBe("2027-03-29T11:00");

    const newYorkProvider = await setUp({ zone: "America/New_York", hours: daily, fundMinor: 0 });
    const fromNewYork = await server.client().get(`/api/v1/providers/${newYorkProvider.provider.user.id}/slots?${range}&tz=Europe/Moscow`);
    expect(firstUtc(fromNewYork.json.slots, "2027-03-13")).toBe("2027-03-13T15:00:00.000Z");
    expect(firstLocal(fromNewYork.json.slots, "2027-03-13")).toBe("2027-03-13T18:00");
    expect(firstUtc(fromNewYork.json.slots, "2027-03-14")).toBe("2027-03-14T14:00:00.000Z");
    expect(firstLocal(fromNewYork.json.slots, "2027-03-15")).toBe("2027-03-15T17:00");
  });

  it("leaves out the lead time and pending or accepted bookings, and refuses bad queries", async () => {
    setClock("2027-03-22T10:05:00Z");
    const scene = await setUp({ hours: [10, 11, 12, 13] }); // Monday 10:00–14:00 UTC
    const url = `/api/v1/providers/${scene.provider.user.id}/slots?from=2027-03-22T00:00:00Z&to=2027-03-23T00:00:00Z&blocks=2`;
    const starts = async () => (await scene.customer.client.get(url)).json.slots.map((slot: { startsAt: string }) => slot.startsAt.slice(11, 16));
    // Lead 60 minutes: nothing before 11:05, so 11:15 first; the last 2-block start is 13:30.
    expect(await starts()).toEqual(["11:15", "11:30", "11:45", "12:00", "12:15", "12:30", "12:45", "13:00", "13:15", "13:30"]);
    expect((await book(scene, new Date("2027-03-22T12:00:00Z"), 2)).status).toBe(201);
    expect(await starts()).toEqual(["11:15", "11:30", "12:30", "12:45", "13:00", "13:15", "13:30"]);
    for (const bad of ["blocks=9", "blocks=0", "tz=Mars/Base", "from=2027-03-22T00:00:00Z&to=2027-05-22T00:00:00Z"]) {
      const refused = await scene.customer.client.get(`/api/v1/providers/${scene.provider.user.id}/slots?${bad}`);
      expect(refused.status, bad).toBe(400);
    }
  });
});

describe("booking", () => {
  it("moves the price into the appointment's hold, with price, paid and remaining on the view", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp({ fundMinor: 50_000 });
    const startsAt = new Date("2027-03-12T10:00:00Z");
    const booked = await book(scene, startsAt, 3, "booking-key-1");
    expect(booked.status, booked.text).toBe(201);
    const appointment = booked.json.appointment;
    expect(appointment).toMatchObject({
      status: "pending",
      blocks: 3,
      startsAt: startsAt.toISOString(),
      endsAt: "2027-03-12T10:45:00.000Z",
      priceMinor: 30_000,
      paidMinor: 0,
      remainingMinor: 30_000,
      decideBy: "2027-03-11T09:00:00.000Z",
    });
    expect(await balance(scene.customer.user.id)).toBe(20_000n);
    expect(await held(appointment.id)).toBe(30_000n);
    // A retried request with the same key is the same booking, paid once.
    const again = await book(scene, startsAt, 3, "booking-key-1");
    expect(again.status).toBe(201);
    expect(again.json.appointment.id).toBe(appointment.id);
    expect(await balance(scene.customer.user.id)).toBe(20_000n);
    // The provider is told.
    const told = await server.ctx.db.select().from(notifications).where(and(eq(notifications.userId, scene.provider.user.id), eq(notifications.kind, "appointment_changed")));
    expect(told).toHaveLength(1);
    // A short balance: the exact shortfall, nothing booked.
    const short = await book(scene, new Date("2027-03-12T12:00:00Z"), 3);
    expect(short.status).toBe(409);
    expect(short.json.error).toMatchObject({ code: "insufficient_funds", details: { shortfallMinor: 10_000 } });
    expect(await balance(scene.customer.user.id)).toBe(20_000n);
    // Inside the lead time, off the step, or outside open hours: refused.
    const closed = await setUp({ hours: [10] });
    for (const bad of ["2027-03-10T09:30:00Z", "2027-03-15T10:05:00Z", "2027-03-15T11:00:00Z"]) {
      const refused = await book(closed, new Date(bad), 1);
      expect(refused.status, bad).toBe(409);
      expect(refused.json.error.code).toBe("conflict");
    }
    expect(await balance(closed.customer.user.id)).toBe(1_000_000n);
  });

  it("20 concurrent requests for one time: exactly one is booked", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const startsAt = new Date("2027-03-12T10:00:00Z");
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => book(scene, new Date(startsAt.getTime() + (index % 2) * 15 * 60_000), 2, `race-${index}-${scene.customer.user.id}`)));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409).every((answer) => answer.json.error.code === "conflict")).toBe(true);
    const rows = await server.ctx.db.select().from(appointments).where(eq(appointments.providerId, scene.provider.user.id));
    expect(rows.map((row) => row.status)).toEqual(["pending"]);
    expect(await balance(scene.customer.user.id)).toBe(1_000_000n - 20_000n);
  });
});

describe("terms of service", () => {
  it("consent before the first order or booking, and again after each new version", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const none = await scene.customer.client.get(`/api/v1/providers/${scene.provider.user.id}/terms`);
    expect(none.json.terms).toMatchObject({ version: null, consentRequired: false });

    const v1 = await scene.provider.client.request("PUT", "/api/v1/me/terms", { text: "Payment in advance." });
    expect(v1.status, v1.text).toBe(200);
    expect(v1.json.terms).toMatchObject({ version: 1, text: "Payment in advance." });
    const startsAt = new Date("2027-03-12T10:00:00Z");
    const refusedBooking = await book(scene, startsAt, 1);
    expect(refusedBooking.status).toBe(409);
    expect(refusedBooking.json.error).toMatchObject({ code: "terms_consent_required", details: { version: 1 } });
    const refusedOrder = await scene.customer.client.post("/api/v1/orders", { tweepId: scene.tweep.id, medium: "text" });
    expect(refusedOrder.json.error.code).toBe("terms_consent_required");
    expect(await balance(scene.customer.user.id)).toBe(1_000_000n);

    const read = await scene.customer.client.get(`/api/v1/providers/${scene.provider.user.id}/terms`);
    expect(read.json.terms).toMatchObject({ version: 1, consentRequired: true, myConsent: null });
    expect((await scene.customer.client.post(`/api/v1/providers/${scene.provider.user.id}/terms/consent`, { version: 2 })).status).toBe(409);
    const consented = await scene.customer.client.post(`/api/v1/providers/${scene.provider.user.id}/terms/consent`, { version: 1 });
    expect(consented.status, consented.text).toBe(200);
    expect(consented.json.terms).toMatchObject({ consentRequired: false, myConsent: { version: 1, consentedAt: clock.toISOString() } });
    const booked = await book(scene, startsAt, 1);
    expect(booked.status, booked.text).toBe(201);
    expect(booked.json.appointment.termsConsent).toEqual({ version: 1, consentedAt: clock.toISOString() });
    expect((await scene.customer.client.post("/api/v1/orders", { tweepId: scene.tweep.id, medium: "text" })).status).toBe(201);
    // Shown to the provider too: on the appointment and in the list of consents.
    const providerView = await scene.provider.client.get(`/api/v1/appointments/${booked.json.appointment.id}`);
    expect(providerView.json.appointment.termsConsent).toEqual({ version: 1, consentedAt: clock.toISOString() });
    const list = await scene.provider.client.get("/api/v1/me/terms/consents");
    expect(list.json.items).toMatchObject([{ customerId: scene.customer.user.id, version: 1 }]);

    // The same text again is not a new version; a new text is, and consent is asked again.
    expect((await scene.provider.client.request("PUT", "/api/v1/me/terms", { text: "Payment in advance." })).json.terms.version).toBe(1);
    setClock("2027-03-10T10:00:00Z");
    expect((await scene.provider.client.request("PUT", "/api/v1/me/terms", { text: "Payment in advance. No refunds on the day." })).json.terms.version).toBe(2);
    expect((await book(scene, new Date("2027-03-12T12:00:00Z"), 1)).json.error.code).toBe("terms_consent_required");
    expect((await scene.customer.client.post(`/api/v1/providers/${scene.provider.user.id}/terms/consent`, { version: 2 })).json.terms.myConsent.version).toBe(2);
    expect((await book(scene, new Date("2027-03-12T12:00:00Z"), 1)).status).toBe(201);
    expect((await scene.provider.client.request("PUT", "/api/v1/me/terms", { text: "" })).status).toBe(400);
  });
});

describe("the life cycle and its money", () => {
  it("pending → accepted; refused moves leave everything as it was", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const booked = (await book(scene, new Date("2027-03-12T10:00:00Z"), 2)).json.appointment;
    const path = `/api/v1/appointments/${booked.id}`;
    const stranger = await registerUser(server);
    expect((await stranger.client.get(path)).status).toBe(404);
    expect((await stranger.client.post(`${path}/accept`)).status).toBe(404);
    expect((await scene.customer.client.post(`${path}/accept`)).status).toBe(403);
    expect((await scene.customer.client.post(`${path}/reject`, { reason: "no" })).status).toBe(403);
    expect((await scene.provider.client.post(`${path}/cancel`)).status).toBe(409);
    expect((await scene.customer.client.post(`${path}/no-show`, { absent: "provider" })).status).toBe(409);
    expect((await scene.provider.client.post(`${path}/reject`, {})).status).toBe(400);
    const accepted = await scene.provider.client.post(`${path}/accept`);
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json.appointment).toMatchObject({ status: "accepted", remainingMinor: 20_000 });
    expect((await scene.provider.client.post(`${path}/accept`)).status).toBe(409);
    expect((await scene.provider.client.post(`${path}/reject`, { reason: "late" })).status).toBe(409);
    expect((await readRow(booked.id)).status).toBe("accepted");
    expect(await held(booked.id)).toBe(20_000n);
    const lists = await scene.provider.client.get("/api/v1/appointments?as=provider");
    expect(lists.json.items.map((item: { id: string }) => item.id)).toEqual([booked.id]);
    expect((await scene.customer.client.get("/api/v1/appointments?as=customer")).json.items[0].actions).toEqual(["cancel"]);
  });

  it("rejected with a reason: full refund; then nothing else is possible", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const booked = (await book(scene, new Date("2027-03-12T10:00:00Z"), 3)).json.appointment;
    const rejected = await scene.provider.client.post(`/api/v1/appointments/${booked.id}/reject`, { reason: "I am away that day" });
    expect(rejected.status, rejected.text).toBe(200);
    expect(rejected.json.appointment).toMatchObject({ status: "rejected", rejectionReason: "I am away that day", refundedMinor: 30_000, paidMinor: 0, remainingMinor: 0 });
    expect(await balance(scene.customer.user.id)).toBe(1_000_000n);
    expect(await held(booked.id)).toBe(0n);
    for (const [who, action, body] of [
      [scene.provider, "accept", undefined],
      [scene.customer, "cancel", undefined],
      [scene.provider, "reject", { reason: "again" }],
    ] as const) {
      expect((await who.client.post(`/api/v1/appointments/${booked.id}/${action}`, body)).status).toBe(409);
    }
  });

  it("cancelled by the customer while pending: full refund", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const booked = (await book(scene, new Date("2027-03-10T11:00:00Z"), 3)).json.appointment;
    const cancelled = await scene.customer.client.post(`/api/v1/appointments/${booked.id}/cancel`);
    expect(cancelled.json.appointment).toMatchObject({ status: "cancelled", cancelledBy: "customer", refundedMinor: 30_000, paidMinor: 0 });
    expect(await balance(scene.customer.user.id)).toBe(1_000_000n);
  });

  it("cancelled by the provider: full refund, and a refusal in the rating", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const appointment = await bookAccepted(scene, new Date("2027-03-10T11:00:00Z"), 3);
    expect((await readProviderRating(server.ctx.db, scene.provider.user.id, server.ctx.now())).refusals).toBe(0);
    const cancelled = await scene.provider.client.post(`/api/v1/appointments/${appointment.id}/cancel`);
    expect(cancelled.json.appointment).toMatchObject({ status: "cancelled", cancelledBy: "provider", refundedMinor: 30_000 });
    expect(await balance(scene.customer.user.id)).toBe(1_000_000n);
    expect(await balance(scene.provider.user.id)).toBe(0n);
    expect(await pending(scene.provider.user.id)).toBe(0n);
    expect(await readProviderRating(server.ctx.db, scene.provider.user.id, server.ctx.now())).toMatchObject({ refusals: 1, ratingAverage: 1 });
  });

  it("cancelled by the customer 24 hours or more before the start: full refund", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const appointment = await bookAccepted(scene, new Date("2027-03-12T10:00:00Z"), 3);
    setClock("2027-03-11T10:00:00Z"); // exactly 24 h before
    const cancelled = await scene.customer.client.post(`/api/v1/appointments/${appointment.id}/cancel`);
    expect(cancelled.json.appointment).toMatchObject({ status: "cancelled", refundedMinor: 30_000, paidMinor: 0 });
    expect(await balance(scene.customer.user.id)).toBe(1_000_000n);
    expect(await balance(scene.provider.user.id)).toBe(0n);
    expect(await pending(scene.provider.user.id)).toBe(0n);
  });

  it("cancelled by the customer later: the first block to the provider, the rest refunded", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const appointment = await bookAccepted(scene, new Date("2027-03-12T10:00:00Z"), 3);
    const commissionBefore = await commission();
    setClock("2027-03-11T10:00:01Z");
    const cancelled = await scene.customer.client.post(`/api/v1/appointments/${appointment.id}/cancel`);
    expect(cancelled.json.appointment).toMatchObject({ status: "cancelled", priceMinor: 30_000, paidMinor: 10_000, refundedMinor: 20_000, remainingMinor: 0 });
    expect(await balance(scene.customer.user.id)).toBe(1_000_000n - 10_000n);
    expect(await balance(scene.provider.user.id)).toBe(0n);
    expect(await pending(scene.provider.user.id)).toBe(8_000n);
    expect(await commission()).toBe(commissionBefore + 2_000n);
    expect(await held(appointment.id)).toBe(0n);
    // Once the booked time is over, an accepted appointment can no longer be cancelled.
    const late = await bookAccepted(scene, new Date("2027-03-12T12:00:00Z"), 1);
    setClock("2027-03-12T12:15:00Z");
    expect((await scene.customer.client.post(`/api/v1/appointments/${late.id}/cancel`)).status).toBe(409);
  });

  it("a request without a decision is rejected automatically after APPOINTMENT_DECISION_HOURS", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const booked = (await book(scene, new Date("2027-03-12T10:00:00Z"), 2)).json.appointment;
    setClock("2027-03-11T08:59:59Z");
    await autoRejectAppointments(server.ctx);
    expect((await readRow(booked.id)).status).toBe("pending");
    setClock("2027-03-11T09:00:00Z");
    await autoRejectAppointments(server.ctx);
    const row = await readRow(booked.id);
    expect(row).toMatchObject({ status: "rejected", rejectedAutomatically: true, refundedMinor: 20_000n });
    expect(await balance(scene.customer.user.id)).toBe(1_000_000n);
    expect((await scene.provider.client.post(`/api/v1/appointments/${booked.id}/accept`)).status).toBe(409);
    const told = await server.ctx.db.select().from(notifications).where(and(eq(notifications.userId, scene.customer.user.id), eq(notifications.kind, "appointment_changed")));
    expect(told.map((note) => (note.data as { change: string }).change)).toContain("appointment_auto_rejected");
  });
});

async function providerOnline(userId: string) {
  await server.ctx.presence.touch(userId, new Date("2100-01-01T00:00:00Z"));
}
async function heartbeats(scene: Scene, sessionId: string) {
  await recordSessionHeartbeat(server.ctx, { sessionId, userId: scene.customer.user.id });
  await recordSessionHeartbeat(server.ctx, { sessionId, userId: scene.provider.user.id });
}

describe("the appointment's session", () => {
  it("opens 10 minutes before the start while the provider is Busy, pays from the hold, then from the balance", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const appointment = await bookAccepted(scene, new Date("2027-03-12T10:00:00Z"), 2);
    const customerAfterBooking = await balance(scene.customer.user.id);
    const start = { appointmentId: appointment.id, userId: scene.customer.user.id };

    setClock("2027-03-12T09:49:59Z");
    await expect(startAppointmentChat(server.ctx, start)).rejects.toMatchObject({ code: "invalid_state" });
    setClock("2027-03-12T09:50:00Z");
    await expect(startAppointmentChat(server.ctx, start)).rejects.toMatchObject({ code: "provider_unavailable" });
    await providerOnline(scene.provider.user.id);
    await server.ctx.db.update(users).set({ providerStatus: "busy" }).where(eq(users.id, scene.provider.user.id));
    await expect(startAppointmentChat(server.ctx, { ...start, userId: scene.provider.user.id })).rejects.toMatchObject({ code: "forbidden" });

    const ringing = await startAppointmentChat(server.ctx, start);
    expect(ringing.status).toBe("ringing");
    const live = await answerCall(server.ctx, { sessionId: ringing.id, userId: scene.provider.user.id });
    expect(live.status).toBe("live");
    setClock("2027-03-12T10:00:00Z");
    await heartbeats(scene, ringing.id);
    await startSessionClock(server.ctx, { sessionId: ringing.id, at: clock });

    // 3 blocks and a bit: blocks 0 and 1 come from the hold, 2 and 3 from the balance.
    setClock("2027-03-12T10:45:30Z");
    await heartbeats(scene, ringing.id);
    await meterLiveSessions(server.ctx);
    const [metered] = await server.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.id, ringing.id));
    expect(metered).toMatchObject({ blocksCharged: 4, appointmentBlocks: 2 });
    expect(await held(appointment.id)).toBe(0n);
    expect(await balance(scene.customer.user.id)).toBe(customerAfterBooking - 2n * BLOCK);
    expect(await balance(scene.provider.user.id)).toBe(0n);
    expect(await pending(scene.provider.user.id)).toBe(4n * 8_000n);

    await endSession(server.ctx, { sessionId: ringing.id, userId: scene.customer.user.id });
    const done = await scene.customer.client.get(`/api/v1/appointments/${appointment.id}`);
    expect(done.json.appointment).toMatchObject({ status: "completed", priceMinor: 20_000, paidMinor: 20_000, refundedMinor: 0, remainingMinor: 0 });
    const kinds = await server.ctx.db
      .select({ kind: ledgerTransactions.kind, n: sql<number>`count(*)::int` })
      .from(ledgerTransactions)
      .where(eq(ledgerTransactions.orderId, done.json.appointment.orderId))
      .groupBy(ledgerTransactions.kind);
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k.n]))).toEqual({ appointment_block: 2, session_block: 2 });
  });

  it("a session shorter than the booked time: the rest of the hold goes to the provider and the appointment is completed", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const appointment = await bookAccepted(scene, new Date("2027-03-12T10:00:00Z"), 3);
    const customerAfterBooking = await balance(scene.customer.user.id);
    await providerOnline(scene.provider.user.id);
    setClock("2027-03-12T10:05:00Z");
    const ringing = await startAppointmentChat(server.ctx, { appointmentId: appointment.id, userId: scene.customer.user.id });
    await answerCall(server.ctx, { sessionId: ringing.id, userId: scene.provider.user.id });
    await startSessionClock(server.ctx, { sessionId: ringing.id, at: clock });
    setClock("2027-03-12T10:12:00Z");
    await heartbeats(scene, ringing.id);
    await endSession(server.ctx, { sessionId: ringing.id, userId: scene.provider.user.id });
    const done = (await scene.provider.client.get(`/api/v1/appointments/${appointment.id}`)).json.appointment;
    expect(done).toMatchObject({ status: "completed", paidMinor: 30_000, refundedMinor: 0, remainingMinor: 0 });
    expect(done.priceMinor).toBe(done.paidMinor + done.refundedMinor);
    expect(await balance(scene.customer.user.id)).toBe(customerAfterBooking);
    expect(await balance(scene.provider.user.id)).toBe(0n);
    expect(await pending(scene.provider.user.id)).toBe(3n * 8_000n);
    // The chat cannot be started again for a completed appointment.
    await expect(startAppointmentChat(server.ctx, { appointmentId: appointment.id, userId: scene.customer.user.id })).rejects.toMatchObject({ code: "invalid_state" });
  });

  it("pays from the hold, never from a minute package bought on the appointment's order (docs/decisions.md)", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const appointment = await bookAccepted(scene, new Date("2027-03-12T10:00:00Z"), 2);
    const moderator = await registerUser(server);
    await makeAdmin(server, moderator.user.id);
    const offered = await scene.provider.client.post(`/api/v1/tweeps/${scene.tweep.id}/packages`, { minutes: 60, priceMinor: 30_000, validityDays: 30 });
    expect(offered.status, offered.text).toBe(201);
    expect((await moderator.client.post(`/api/v1/moderation/packages/${offered.json.package.id}`, { decision: "approve" })).status).toBe(200);
    await providerOnline(scene.provider.user.id);
    setClock("2027-03-12T10:00:00Z");
    const ringing = await startAppointmentChat(server.ctx, { appointmentId: appointment.id, userId: scene.customer.user.id });
    const bought = await scene.customer.client.post(`/api/v1/orders/${ringing.orderId}/packages`, { packageId: offered.json.package.id });
    expect(bought.status, bought.text).toBe(201);
    const customerAfterPackage = await balance(scene.customer.user.id);
    await answerCall(server.ctx, { sessionId: ringing.id, userId: scene.provider.user.id });
    await startSessionClock(server.ctx, { sessionId: ringing.id, at: clock });
    setClock("2027-03-12T10:25:00Z");
    await heartbeats(scene, ringing.id);
    await endSession(server.ctx, { sessionId: ringing.id, userId: scene.customer.user.id });

    const [ended] = await server.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.id, ringing.id));
    expect(ended).toMatchObject({ packagePurchaseId: null, minutesDrawn: 0, blocksCharged: 2, appointmentBlocks: 2 });
    const [purchase] = await server.ctx.db.select().from(packagePurchases).where(eq(packagePurchases.id, bought.json.purchase.id));
    expect(purchase).toMatchObject({ minutesLeft: 60, status: "active" });
    const done = (await scene.customer.client.get(`/api/v1/appointments/${appointment.id}`)).json.appointment;
    expect(done).toMatchObject({ status: "completed", paidMinor: 20_000, refundedMinor: 0, remainingMinor: 0 });
    expect(await balance(scene.customer.user.id)).toBe(customerAfterPackage);
    expect(await pending(scene.provider.user.id)).toBe(2n * 8_000n);
  });
});

describe("the provider's part is pending first (SPEC 17)", () => {
  const HOUR = 3_600_000;

  it("a late cancellation's first block waits CLEARANCE_HOURS in pending earnings, then becomes available", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const appointment = await bookAccepted(scene, new Date("2027-03-10T20:00:00Z"), 3);
    const cancelled = await scene.customer.client.post(`/api/v1/appointments/${appointment.id}/cancel`);
    expect(cancelled.json.appointment).toMatchObject({ status: "cancelled", paidMinor: 10_000, refundedMinor: 20_000 });
    const [earning] = await server.ctx.db.select().from(pendingEarnings).where(eq(pendingEarnings.userId, scene.provider.user.id));
    // No call was made: the earning names the appointment and no order.
    expect(earning).toMatchObject({ appointmentId: appointment.id, orderId: null, sessionId: null, grossMinor: 10_000n, netMinor: 8_000n, status: "pending" });
    expect(earning!.clearsAt.getTime()).toBe(clock.getTime() + server.ctx.config.clearanceHours * HOUR);

    await clearPendingEarnings(server.ctx, new Date(earning!.clearsAt.getTime() - 1000));
    expect(await balance(scene.provider.user.id)).toBe(0n);
    expect(await pending(scene.provider.user.id)).toBe(8_000n);
    await clearPendingEarnings(server.ctx, earning!.clearsAt);
    expect(await balance(scene.provider.user.id)).toBe(8_000n);
    expect(await pending(scene.provider.user.id)).toBe(0n);
    const wallet = (await scene.provider.client.get("/api/v1/wallet")).json;
    expect(wallet).toMatchObject({ availableMinor: 8_000, pendingMinor: 0, pending: [] });
  });

  it("a poor block paid by the hold is credited to the customer; an upheld report gives back the rest of what the hold paid", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const appointment = await bookAccepted(scene, new Date("2027-03-12T10:00:00Z"), 3);
    const customerAfterBooking = await balance(scene.customer.user.id);
    const commissionBefore = await commission();
    await providerOnline(scene.provider.user.id);
    setClock("2027-03-12T10:00:00Z");
    const ringing = await startAppointmentChat(server.ctx, { appointmentId: appointment.id, userId: scene.customer.user.id });
    await answerCall(server.ctx, { sessionId: ringing.id, userId: scene.provider.user.id });
    await startSessionClock(server.ctx, { sessionId: ringing.id, at: clock });
    // The SFU measured block 0 as frozen for most of its time.
    await server.ctx.db.insert(sessionBlockQuality).values({ sessionId: ringing.id, blockIndex: 0, impairedMs: 10 * 60_000 });
    setClock("2027-03-12T10:12:00Z");
    await heartbeats(scene, ringing.id);
    await endSession(server.ctx, { sessionId: ringing.id, userId: scene.customer.user.id });

    const [ended] = await server.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.id, ringing.id));
    expect(ended).toMatchObject({ blocksCharged: 1, blocksCredited: 1, appointmentBlocks: 1 });
    const done = (await scene.customer.client.get(`/api/v1/appointments/${appointment.id}`)).json.appointment;
    expect(done).toMatchObject({ status: "completed", paidMinor: 30_000, refundedMinor: 0, remainingMinor: 0 });
    // The credit went to the customer's balance (theirs to spend), out of block 0's pending row.
    expect(await balance(scene.customer.user.id)).toBe(customerAfterBooking + BLOCK);
    expect(await balance(scene.provider.user.id)).toBe(0n);
    expect(await pending(scene.provider.user.id)).toBe(2n * 8_000n);
    const rows = await server.ctx.db.select().from(pendingEarnings).where(eq(pendingEarnings.appointmentId, appointment.id));
    expect(rows.map((row) => [row.blockIndex, row.status, row.netMinor]).sort()).toEqual([
      [0, "reversed", 8_000n],
      [null, "pending", 16_000n],
    ].sort());

    const reported = await scene.customer.client.post(`/api/v1/sessions/${ringing.id}/reports`, { reason: "technical_failure" });
    expect(reported.status).toBe(201);
    // While the report is open nothing of the session clears, however late.
    await clearPendingEarnings(server.ctx, new Date(clock.getTime() + 1000 * HOUR));
    expect(await pending(scene.provider.user.id)).toBe(2n * 8_000n);
    const moderator = await registerUser(server);
    const upheld = await upholdSessionReport(server.ctx, { reportId: reported.json.report.id, moderatorId: moderator.user.id, reason: "Nothing could be heard" });
    expect(upheld).toMatchObject({ status: "upheld", refundedMinor: 20_000 });
    // Everything the customer booked is back with them; the provider keeps nothing, nor does the platform.
    expect(await balance(scene.customer.user.id)).toBe(customerAfterBooking + 3n * BLOCK);
    expect(await balance(scene.provider.user.id)).toBe(0n);
    expect(await pending(scene.provider.user.id)).toBe(0n);
    expect(await commission()).toBe(commissionBefore);
  });
});

describe("an unanswered appointment call", () => {
  it("is missed and not retried as a plain call; the appointment stays accepted", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const appointment = await bookAccepted(scene, new Date("2027-03-12T10:00:00Z"), 2);
    setClock("2027-03-12T10:00:00Z");
    await server.ctx.presence.touch(scene.provider.user.id, new Date("2100-01-01T00:00:00Z"));
    const ringing = await startAppointmentChat(server.ctx, { appointmentId: appointment.id, userId: scene.customer.user.id });
    setClock(new Date(Date.parse(ringing.ringExpiresAt) + 1000));
    await expireRingingCalls(server.ctx);
    const [missed] = await server.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.id, ringing.id));
    expect(missed).toMatchObject({ status: "missed", retryState: null, retryAt: null, appointmentId: appointment.id });
    expect((await readRow(appointment.id)).status).toBe("accepted");
    expect(await held(appointment.id)).toBe(20_000n);
  });
});

describe("no-show, decided from presence and calls", () => {
  it("the provider was not on the site: the customer marks it, full refund, a refusal in the rating", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const appointment = await bookAccepted(scene, new Date("2027-03-12T10:00:00Z"), 3);
    const path = `/api/v1/appointments/${appointment.id}/no-show`;
    setClock("2027-03-12T10:05:00Z");
    await recordAppointmentPresence(server.ctx);
    expect((await scene.customer.client.post(path, { absent: "provider" })).json.error.details).toEqual({ reason: "too_early" });
    setClock("2027-03-12T10:10:00Z");
    expect((await scene.provider.client.post(path, { absent: "customer" })).json.error.details).toEqual({ reason: "provider_was_absent" });
    expect((await scene.customer.client.post(path, { absent: "customer" })).status).toBe(403);
    const marked = await scene.customer.client.post(path, { absent: "provider" });
    expect(marked.status, marked.text).toBe(200);
    expect(marked.json.appointment).toMatchObject({ status: "no_show", noShowParty: "provider", refundedMinor: 30_000, paidMinor: 0 });
    expect(await balance(scene.customer.user.id)).toBe(1_000_000n);
    expect((await readProviderRating(server.ctx.db, scene.provider.user.id, server.ctx.now())).refusals).toBe(1);
  });

  it("the provider was there and the customer never called: the provider marks it, the first block is theirs", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const appointment = await bookAccepted(scene, new Date("2027-03-12T10:00:00Z"), 3);
    const path = `/api/v1/appointments/${appointment.id}/no-show`;
    setClock("2027-03-12T09:55:00Z");
    await server.ctx.presence.touch(scene.provider.user.id, new Date("2027-03-12T09:56:00Z"));
    await recordAppointmentPresence(server.ctx);
    expect((await readRow(appointment.id)).providerSeenAt?.toISOString()).toBe("2027-03-12T09:55:00.000Z");
    setClock("2027-03-12T10:11:00Z");
    expect((await scene.customer.client.post(path, { absent: "provider" })).json.error.details).toEqual({ reason: "provider_was_there" });
    const marked = await scene.provider.client.post(path, { absent: "customer" });
    expect(marked.status, marked.text).toBe(200);
    expect(marked.json.appointment).toMatchObject({ status: "no_show", noShowParty: "customer", paidMinor: 10_000, refundedMinor: 20_000, remainingMinor: 0 });
    expect(await balance(scene.customer.user.id)).toBe(1_000_000n - 10_000n);
    expect(await balance(scene.provider.user.id)).toBe(0n);
    expect(await pending(scene.provider.user.id)).toBe(8_000n);
    expect((await readProviderRating(server.ctx.db, scene.provider.user.id, server.ctx.now())).refusals).toBe(0);
  });

  it("a customer who called is not a no-show, even when the provider declined", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const appointment = await bookAccepted(scene, new Date("2027-03-12T10:00:00Z"), 3);
    setClock("2027-03-12T10:01:00Z");
    await server.ctx.presence.touch(scene.provider.user.id, new Date("2027-03-12T10:02:00Z"));
    await recordAppointmentPresence(server.ctx);
    const ringing = await startAppointmentChat(server.ctx, { appointmentId: appointment.id, userId: scene.customer.user.id });
    await stopRinging(server.ctx, { sessionId: ringing.id, userId: scene.provider.user.id, by: "provider" });
    setClock("2027-03-12T10:11:00Z");
    const refused = await scene.provider.client.post(`/api/v1/appointments/${appointment.id}/no-show`, { absent: "customer" });
    expect(refused.json.error.details).toEqual({ reason: "customer_called" });
    expect((await readRow(appointment.id)).status).toBe("accepted");
  });
});

describe("the waiting list's closing message", () => {
  it("offers Book a time when the provider takes appointments", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp({ hours: [10] });
    const email = `queue-${scene.customer.user.id}@example.test`;
    await server.ctx.db.update(users).set({ email, language: "en" }).where(eq(users.id, scene.customer.user.id));
    const placed = await scene.customer.client.post("/api/v1/orders", { tweepId: scene.tweep.id, medium: "text" });
    expect(placed.status, placed.text).toBe(201);
    await server.ctx.db.insert(queueEntries).values({ providerId: scene.provider.user.id, customerId: scene.customer.user.id, orderId: placed.json.order.id, medium: "text", joinedAt: clock });
    await closeQueue(server.ctx, { providerId: scene.provider.user.id, reason: "outside_hours" });
    const [mail] = await server.ctx.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, email));
    expect(mail?.body).toContain(`Book a time: ${server.ctx.config.siteUrl}/tweeps/${scene.tweep.id}#book-a-time`);
    expect((await server.ctx.db.select().from(orders).where(eq(orders.id, placed.json.order.id)))[0]?.status).toBe("open");
  });
});

describe("reminders", () => {
  it("24 hours and 15 minutes before, in the app and by e-mail with an .ics in the recipient's zone and language, once each", async () => {
    setClock("2027-03-10T09:00:00Z");
    const scene = await setUp();
    const customerMail = `reminder-c-${scene.customer.user.id}@example.test`;
    const providerMail = `reminder-p-${scene.provider.user.id}@example.test`;
    await server.ctx.db.update(users).set({ email: customerMail, language: "ru", timeZone: "Europe/Berlin" }).where(eq(users.id, scene.customer.user.id));
    await server.ctx.db.update(users).set({ email: providerMail, language: "en", timeZone: "America/New_York" }).where(eq(users.id, scene.provider.user.id));
    const appointment = await bookAccepted(scene, new Date("2027-03-12T10:00:00Z"), 2);
    const mails = async (to: string) => server.ctx.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, to));
    const reminders = async (to: string) => (await mails(to)).filter((mail) => mail.body.includes("BEGIN:VCALENDAR"));

    setClock("2027-03-11T09:59:59Z");
    await sendAppointmentReminders(server.ctx);
    expect(await reminders(customerMail)).toHaveLength(0);
    setClock("2027-03-11T10:00:00Z");
    await sendAppointmentReminders(server.ctx);
    await sendAppointmentReminders(server.ctx);
    const [forCustomer] = await reminders(customerMail);
    expect(await reminders(customerMail)).toHaveLength(1);
    expect(forCustomer!.subject).toContain("Напоминание: запись через 24 часа");
    // 10:00 UTC is 11:00 in Berlin and 05:00 in New York (US summer time began on 14 March).
    expect(forCustomer!.body).toContain("DTSTART;TZID=Europe/Berlin:20270312T110000");
    expect(forCustomer!.body).toContain("BEGIN:VTIMEZONE");
    expect(forCustomer!.body).toContain(`UID:${appointment.id}@tweeps`);
    expect(forCustomer!.body).toContain("SUMMARY:Запись: Консультация");
    const [forProvider] = await reminders(providerMail);
    expect(forProvider!.subject).toContain("Reminder: appointment in 24 hours");
    expect(forProvider!.body).toContain("DTSTART;TZID=America/New_York:20270312T050000");
    expect(forProvider!.body).toContain("SUMMARY:Appointment: Consultation");

    setClock("2027-03-12T09:45:00Z");
    await sendAppointmentReminders(server.ctx);
    await sendAppointmentReminders(server.ctx);
    const customerReminders = await reminders(customerMail);
    expect(customerReminders).toHaveLength(2);
    expect(customerReminders.some((mail) => mail.subject?.includes("через 15 минут"))).toBe(true);
    const inApp = await server.ctx.db.select().from(notifications).where(and(eq(notifications.userId, scene.provider.user.id), eq(notifications.kind, "appointment_changed")));
    expect(inApp.map((note) => (note.data as { change: string }).change)).toEqual(expect.arrayContaining(["appointment_reminder_day", "appointment_reminder_soon"]));
  });
});
