import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consultationSessions, queueEntries, users } from "../../db/schema.ts";
import { gridIndexAt, nextOpeningAfter } from "../../server/domain/availability/open-hours.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { retryMissedCalls } from "../../server/domain/sessions/retry-missed-calls.ts";
import { ask, createSocketPool, nextEvent, publishConsultation, waitUntil } from "../fixtures/live-fixtures.ts";
import { registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// SPEC 15 with real sockets, the real loops and short timers (docs/architecture.md rule 4).
const BLOCK_SECONDS = 3;
let server: TestServer;
const pool = createSocketPool();
beforeAll(async () => {
  server = await startTestServer(
    {
      BILLING_BLOCK_SECONDS: String(BLOCK_SECONDS),
      BILLING_VOID_SECONDS: "1",
      CALL_RING_SECONDS: "2",
      SESSION_PARTY_TIMEOUT_SECONDS: "3",
      PAUSE_SECONDS: "2",
      QUEUE_TURN_SECONDS: "2",
      CALL_RETRY_SECONDS: "2",
      QUEUE_OFFLINE_CLOSE_SECONDS: "2",
    },
    { rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } },
  );
});
afterAll(async () => {
  pool.closeAll();
  expect(await verifyLedger(server.ctx.db)).toMatchObject({ ok: true, accountsSumMinor: 0, entriesSumMinor: 0 });
  await server?.stop();
});

type Party = Awaited<ReturnType<typeof registerUser>>;

/** A provider on the site with a published consultation, Available. */
async function setUpProvider() {
  const provider = await registerUser(server);
  await provider.client.patch("/api/v1/me", { email: `provider-${provider.user.id}@example.test`, name: "Vera", timeZone: "UTC" });
  const tweep = await publishConsultation(server, provider.user.id, { textPriceMinor: 1_000n, videoPriceMinor: 1_000n });
  const socket = await pool.connect(server.url, provider.client);
  expect((await provider.client.request("PUT", "/api/v1/me/status", { status: "available" })).status).toBe(200);
  return { ...provider, tweep, socket };
}
type Provider = Awaited<ReturnType<typeof setUpProvider>>;

/** A customer with money, an open order of the provider's tweep and a live connection. */
async function setUpCustomer(provider: Provider, name: string, medium: "text" | "video" = "text") {
  const customer: Party = await registerUser(server);
  await customer.client.patch("/api/v1/me", { name, email: `${name.toLowerCase()}-${customer.user.id}@example.test` });
  expect((await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 10_000 })).status).toBe(201);
  const placed = await customer.client.post("/api/v1/orders", { tweepId: provider.tweep.id, medium });
  expect(placed.status).toBe(201);
  const socket = await pool.connect(server.url, customer.client);
  return { ...customer, order: placed.json.order as { id: string }, socket };
}
type Customer = Awaited<ReturnType<typeof setUpCustomer>>;

const live = (viewer: Party, providerId: string, medium?: string) =>
  viewer.client.get(`/api/v1/providers/${providerId}/live${medium ? `?medium=${medium}` : ""}`).then((r) => r.json.live);

async function answerAndRun(provider: Provider, customer: Customer) {
  const ringing = nextEvent(provider.socket, "call:ringing", (p) => p.orderId === customer.order.id);
  const started = await ask(customer.socket, "call:start", { orderId: customer.order.id });
  expect(started.ok, JSON.stringify(started)).toBe(true);
  const ring = await ringing;
  expect((await ask(provider.socket, "call:answer", { sessionId: ring.sessionId })).ok).toBe(true);
  const sessionId = ring.sessionId as string;
  const beat = setInterval(() => {
    void ask(customer.socket, "session:heartbeat", { sessionId }).catch(() => {});
    void ask(provider.socket, "session:heartbeat", { sessionId }).catch(() => {});
  }, 500);
  return { sessionId, stop: () => clearInterval(beat) };
}

describe("channels and pause", () => {
  it("a channel switched off cannot be called, the other still can; bad input changes nothing", async () => {
    const provider = await setUpProvider();
    const customer = await setUpCustomer(provider, "Ivan", "video");
    const switched = await provider.client.request("PUT", "/api/v1/me/channels", { video: false, text: true });
    expect(switched.status).toBe(200);
    expect(switched.json.channels).toEqual({ video: false, text: true });
    expect(await live(customer, provider.user.id, "video")).toMatchObject({ callable: false, reason: "channel_off", queueOpen: false });
    expect(await live(customer, provider.user.id, "text")).toMatchObject({ callable: true });
    const refused = await ask(customer.socket, "call:start", { orderId: customer.order.id });
    expect(refused.error).toMatchObject({ code: "provider_unavailable", details: { reason: "channel_off" } });
    expect((await customer.client.post(`/api/v1/orders/${customer.order.id}/queue`)).json.error.details.reason).toBe("channel_off");

    const bad = await provider.client.request("PUT", "/api/v1/me/channels", { video: "yes", text: true });
    expect(bad.status).toBe(400);
    expect((await live(customer, provider.user.id)).channels).toEqual({ video: false, text: true });
    const both = await provider.client.request("PUT", "/api/v1/me/channels", { video: false, text: false });
    expect(both.json.live).toMatchObject({ callable: false, reason: "channel_off" });
    await provider.client.request("PUT", "/api/v1/me/channels", { video: true, text: true });
    const started = await ask(customer.socket, "call:start", { orderId: customer.order.id });
    expect(started.ok).toBe(true);
    await ask(customer.socket, "call:cancel", { sessionId: started.session.id });
  });

  it("a pause cannot be rung, keeps the queue, and returns to Available by itself", async () => {
    const provider = await setUpProvider();
    const customer = await setUpCustomer(provider, "Olga");
    const paused = await provider.client.request("PUT", "/api/v1/me/status", { status: "paused" });
    expect(paused.status).toBe(200);
    expect(paused.json).toMatchObject({ chosen: "paused", live: { status: "paused", callable: false, reason: "paused", queueOpen: true } });
    const [row] = await server.ctx.db.select({ pausedUntil: users.pausedUntil }).from(users).where(eq(users.id, provider.user.id));
    expect(row!.pausedUntil!.toISOString()).toBe(paused.json.pausedUntil);
    expect((await live(customer, provider.user.id)).opensAt).toBe(paused.json.pausedUntil);

    const refused = await ask(customer.socket, "call:start", { orderId: customer.order.id });
    expect(refused.error.details.reason).toBe("paused");
    const joined = await customer.client.post(`/api/v1/orders/${customer.order.id}/queue`);
    expect(joined.status).toBe(201);

    // Back to Available after PAUSE_SECONDS, announced to watchers; the queue stayed and its first gets the turn.
    await ask(customer.socket, "presence:watch", { userIds: [provider.user.id] });
    const turn = nextEvent(customer.socket, "queue:turn");
    const back = await nextEvent(customer.socket, "presence:changed", (p) => p.userId === provider.user.id && p.status === "available");
    expect(back.online).toBe(true);
    expect(await turn).toMatchObject({ providerId: provider.user.id, orderId: customer.order.id });
    const [after] = await server.ctx.db.select({ status: users.providerStatus, pausedUntil: users.pausedUntil }).from(users).where(eq(users.id, provider.user.id));
    expect(after).toEqual({ status: "available", pausedUntil: null });
    await customer.client.request("DELETE", `/api/v1/orders/${customer.order.id}/queue`);
  });
});

describe("availability gates calls", () => {
  it("outside open hours nobody can start a chat or join the queue, and the card learns when it opens", async () => {
    const provider = await setUpProvider();
    const customer = await setUpCustomer(provider, "Petr");
    const now = new Date();
    // Open only in the hour twelve hours from now (UTC grid).
    const openHour = gridIndexAt("UTC", now.getTime() + 12 * 3_600_000);
    expect((await provider.client.request("PUT", "/api/v1/me/availability", { timeZone: "UTC", hours: [openHour] })).status).toBe(200);
    const expected = nextOpeningAfter({ hours: [openHour], timeZone: "UTC" }, now)!.toISOString();

    expect(await live(customer, provider.user.id)).toMatchObject({ callable: false, reason: "outside_hours", opensAt: expected, queueOpen: false });
    const refused = await ask(customer.socket, "call:start", { orderId: customer.order.id });
    expect(refused.error).toMatchObject({ code: "provider_unavailable", details: { reason: "outside_hours", opensAt: expected } });
    const join = await customer.client.post(`/api/v1/orders/${customer.order.id}/queue`);
    expect([join.status, join.json.error.details]).toEqual([409, { reason: "outside_hours", opensAt: expected }]);
    expect(await server.ctx.db.select().from(queueEntries).where(eq(queueEntries.providerId, provider.user.id))).toEqual([]);

    // The current hour filled: open again. An empty grid is open whenever Available.
    await provider.client.request("PUT", "/api/v1/me/availability", { timeZone: "UTC", hours: [gridIndexAt("UTC", Date.now()), openHour] });
    expect((await live(customer, provider.user.id)).callable).toBe(true);
    await provider.client.request("PUT", "/api/v1/me/availability", { timeZone: "UTC", hours: [] });
    expect((await live(customer, provider.user.id)).callable).toBe(true);
  });

  it("Not set or off the site: the card says so, and nobody can call or join the queue", async () => {
    const provider = await setUpProvider();
    const customer = await setUpCustomer(provider, "Rita");
    await provider.client.request("PUT", "/api/v1/me/status", { status: "not_set" });
    expect(await live(customer, provider.user.id)).toMatchObject({ callable: false, reason: "not_set", queueOpen: false });
    expect((await ask(customer.socket, "call:start", { orderId: customer.order.id })).error.details.reason).toBe("not_set");
    expect((await customer.client.post(`/api/v1/orders/${customer.order.id}/queue`)).json.error.details.reason).toBe("not_set");
    await provider.client.request("PUT", "/api/v1/me/status", { status: "available" });
    provider.socket.close();
    const away = await waitUntil(() => live(customer, provider.user.id), (state) => state.reason === "offline");
    expect(away).toMatchObject({ callable: false, queueOpen: false });
    expect((await ask(customer.socket, "call:start", { orderId: customer.order.id })).error.details.reason).toBe("offline");
    expect((await customer.client.post(`/api/v1/orders/${customer.order.id}/queue`)).json.error.details.reason).toBe("offline");
  });
});

describe("the waiting list", () => {
  it("three customers in order, places and waits; the turn reserves the provider; an unused turn passes on", async () => {
    const provider = await setUpProvider();
    const [anna, boris, clara] = [await setUpCustomer(provider, "Anna"), await setUpCustomer(provider, "Boris"), await setUpCustomer(provider, "Clara")];
    const outsider = await setUpCustomer(provider, "Dmitry");
    // Available and free: nobody queues, they call.
    expect((await anna.client.post(`/api/v1/orders/${anna.order.id}/queue`)).json.error.code).toBe("invalid_state");
    await provider.client.request("PUT", "/api/v1/me/status", { status: "busy" });
    expect(await live(anna, provider.user.id)).toMatchObject({ callable: false, reason: "busy", queueOpen: true });

    for (const customer of [anna, boris, clara]) {
      const joined = await customer.client.post(`/api/v1/orders/${customer.order.id}/queue`);
      expect(joined.status, joined.text).toBe(201);
    }
    // One place per customer per provider.
    expect((await anna.client.post(`/api/v1/orders/${anna.order.id}/queue`)).json.error.code).toBe("conflict");
    const annaSecondOrder = (await anna.client.post("/api/v1/orders", { tweepId: provider.tweep.id, medium: "video" })).json.order;
    expect((await anna.client.post(`/api/v1/orders/${annaSecondOrder.id}/queue`)).json.error.code).toBe("conflict");
    expect((await outsider.client.post(`/api/v1/orders/${anna.order.id}/queue`)).status).toBe(404);

    // No history: each customer ahead adds one block; Busy by choice adds nothing of its own.
    const places = await Promise.all([anna, boris, clara].map((c) => c.client.get("/api/v1/me/queue").then((r) => r.json.places[0])));
    expect(places.map((p) => [p.place, p.etaSeconds, p.status])).toEqual([
      [1, 0, "waiting"],
      [2, BLOCK_SECONDS, "waiting"],
      [3, 2 * BLOCK_SECONDS, "waiting"],
    ]);
    const forProvider = await provider.client.get(`/api/v1/providers/${provider.user.id}/queue`);
    expect(forProvider.json.entries.map((e: { customerName: string }) => e.customerName)).toEqual(["Anna", "Boris", "Clara"]);
    expect(await outsider.client.get(`/api/v1/providers/${provider.user.id}/queue`).then((r) => r.json)).toEqual({ length: 3, etaSeconds: 3 * BLOCK_SECONDS });

    // Available again: Anna gets the turn; others (queued or not) cannot call meanwhile.
    const annaTurn = nextEvent(anna.socket, "queue:turn");
    await provider.client.request("PUT", "/api/v1/me/status", { status: "available" });
    const turn = await annaTurn;
    expect(Date.parse(turn.turnExpiresAt)).toBeGreaterThan(Date.now());
    expect(await live(outsider, provider.user.id)).toMatchObject({ callable: false, reason: "busy", queueOpen: true });
    expect((await ask(outsider.socket, "call:start", { orderId: outsider.order.id })).error.details.reason).toBe("busy");
    expect((await ask(boris.socket, "call:start", { orderId: boris.order.id })).error.code).toBe("provider_unavailable");
    expect((await anna.client.get("/api/v1/me/queue")).json.places[0]).toMatchObject({ status: "turn", turnExpiresAt: turn.turnExpiresAt });

    // Anna lets the turn expire: she leaves the line and Boris gets the turn.
    const borisTurn = nextEvent(boris.socket, "queue:turn");
    const annaExpired = nextEvent(anna.socket, "queue:updated", (p) => p.status === "expired");
    await annaExpired;
    await borisTurn;
    expect((await anna.client.get("/api/v1/me/queue")).json.places).toEqual([]);
    const claraPlace = (await clara.client.get("/api/v1/me/queue")).json.places[0];
    expect([claraPlace.place, claraPlace.status]).toEqual([2, "waiting"]);

    // Boris starts the chat within his turn: his place is used, Clara is next.
    const claraFirst = nextEvent(clara.socket, "queue:updated", (p) => p.place === 1);
    const started = await ask(boris.socket, "call:start", { orderId: boris.order.id });
    expect(started.ok, JSON.stringify(started)).toBe(true);
    await claraFirst;
    const entries = await server.ctx.db.select().from(queueEntries).where(eq(queueEntries.providerId, provider.user.id));
    expect(Object.fromEntries(entries.map((e) => [e.customerId, e.status]))).toEqual({
      [anna.user.id]: "expired",
      [boris.user.id]: "called",
      [clara.user.id]: "waiting",
    });
    await ask(provider.socket, "call:decline", { sessionId: started.session.id });
    // Clara leaves at any time.
    const left = await clara.client.request("DELETE", `/api/v1/orders/${clara.order.id}/queue`);
    expect(left.json).toEqual({ left: true });
    expect((await clara.client.request("DELETE", `/api/v1/orders/${clara.order.id}/queue`)).status).toBe(404);
    expect((await live(outsider, provider.user.id)).queueLength).toBe(0);

    // The panel's calls of the day: Boris's call declined, Anna's expired turn and Clara's
    // departure lost (SPEC 15).
    const day = `from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;
    const calls = (await provider.client.get(`/api/v1/me/calls?${day}`)).json.calls as { customerId: string; outcome: string }[];
    expect(calls.map((c) => [c.customerId, c.outcome]).sort()).toEqual(
      [
        [anna.user.id, "lost"],
        [boris.user.id, "declined"],
        [clara.user.id, "lost"],
      ].sort(),
    );
  });

  it("the wait counts the provider's median session length over their last sessions, and a session in progress", async () => {
    const provider = await setUpProvider();
    const first = await setUpCustomer(provider, "Egor");
    const second = await setUpCustomer(provider, "Fedor");
    const third = await setUpCustomer(provider, "Galina");
    // History: five sessions of 60, 120, 200, 600, 900 s: the median is 200 s.
    const base = Date.now() - 86_400_000;
    for (const [index, seconds] of [60, 120, 200, 600, 900].entries()) {
      const clockStartedAt = new Date(base + index * 3_600_000);
      await server.ctx.db.insert(consultationSessions).values({
        orderId: first.order.id,
        customerId: first.user.id,
        providerId: provider.user.id,
        medium: "text",
        status: "ended",
        blockPriceMinor: 1_000n,
        ringExpiresAt: clockStartedAt,
        clockStartedAt,
        endedAt: new Date(clockStartedAt.getTime() + seconds * 1000),
      });
    }
    const { sessionId, stop } = await answerAndRun(provider, first);
    try {
      await second.client.post(`/api/v1/orders/${second.order.id}/queue`);
      await third.client.post(`/api/v1/orders/${third.order.id}/queue`);
      const [live] = await server.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.id, sessionId));
      const startedAt = (live!.clockStartedAt ?? live!.answeredAt)!.getTime();
      const askedFrom = Date.now();
      const [a, b] = await Promise.all([second, third].map((c) => c.client.get("/api/v1/me/queue").then((r) => r.json.places[0])));
      const askedUntil = Date.now();
      // The session has run for however long this machine took so far of its expected 200 s:
      // place 1 waits the rest of the 200 (measured around the request, to the second), place 2 another 200.
      expect(a.etaSeconds).toBeGreaterThanOrEqual(Math.floor(200 - (askedUntil - startedAt) / 1000) - 1);
      expect(a.etaSeconds).toBeLessThanOrEqual(Math.ceil(200 - (askedFrom - startedAt) / 1000) + 1);
      expect(a.etaSeconds).toBeLessThanOrEqual(200);
      // Each customer ahead adds the median: read at one instant, from the provider's list.
      const line = (await provider.client.get(`/api/v1/providers/${provider.user.id}/queue`)).json;
      expect(line.medianSessionSeconds).toBe(200);
      expect(line.entries.map((e: { customerId: string }) => e.customerId)).toEqual([second.user.id, third.user.id]);
      expect(line.entries[1].etaSeconds - line.entries[0].etaSeconds).toBe(200);
      expect(Math.abs(b.etaSeconds - a.etaSeconds - 200)).toBeLessThanOrEqual(1);
    } finally {
      stop();
    }
    await second.client.request("DELETE", `/api/v1/orders/${second.order.id}/queue`);
    await third.client.request("DELETE", `/api/v1/orders/${third.order.id}/queue`);
  });

  it("when the session ends the first in line gets the turn, calls, and the provider answers", async () => {
    const provider = await setUpProvider();
    const first = await setUpCustomer(provider, "Ilya");
    const second = await setUpCustomer(provider, "Katya");
    const { sessionId, stop } = await answerAndRun(provider, first);
    const joined = await second.client.post(`/api/v1/orders/${second.order.id}/queue`);
    expect(joined.json.place).toMatchObject({ place: 1, status: "waiting" });
    const turn = nextEvent(second.socket, "queue:turn");
    stop();
    expect((await ask(first.socket, "session:end", { sessionId })).ok).toBe(true);
    await turn;
    const again = await answerAndRun(provider, second);
    again.stop();
    await ask(second.socket, "session:end", { sessionId: again.sessionId });
  });

  it("Invite next gives the first waiting customer the turn at once; only the provider may", async () => {
    const provider = await setUpProvider();
    const customer = await setUpCustomer(provider, "Lev");
    await provider.client.request("PUT", "/api/v1/me/status", { status: "busy" });
    await customer.client.post(`/api/v1/orders/${customer.order.id}/queue`);
    const turn = nextEvent(customer.socket, "queue:turn");
    const invited = await provider.client.post("/api/v1/me/queue/invite-next");
    expect(invited.status, invited.text).toBe(200);
    expect(invited.json).toMatchObject({ orderId: customer.order.id, customerId: customer.user.id });
    expect((await turn).turnExpiresAt).toBe(invited.json.turnExpiresAt);
    expect((await provider.client.post("/api/v1/me/queue/invite-next")).json.error.code).toBe("conflict");
    // A customer with nobody in their own queue has no one to invite.
    expect((await customer.client.post("/api/v1/me/queue/invite-next")).status).toBe(404);
    await customer.client.request("DELETE", `/api/v1/orders/${customer.order.id}/queue`);
  });

  it("closes with a bulk decline when open hours end, on Not set, after the provider is away too long, and on Decline everyone", async () => {
    for (const closing of ["outside_hours", "not_set", "offline", "declined"] as const) {
      const provider = await setUpProvider();
      const customers = [await setUpCustomer(provider, "Maria"), await setUpCustomer(provider, "Nikita")];
      await provider.client.request("PUT", "/api/v1/me/status", { status: "busy" });
      for (const c of customers) expect((await c.client.post(`/api/v1/orders/${c.order.id}/queue`)).status).toBe(201);
      const told = customers.map((c) => nextEvent(c.socket, "queue:updated", (p) => p.status === "closed"));
      if (closing === "outside_hours") {
        // The grid no longer covers this hour: the open hours have ended.
        await provider.client.request("PUT", "/api/v1/me/availability", { timeZone: "UTC", hours: [gridIndexAt("UTC", Date.now() + 6 * 3_600_000)] });
      } else if (closing === "not_set") {
        await provider.client.request("PUT", "/api/v1/me/status", { status: "not_set" });
      } else if (closing === "offline") {
        provider.socket.close();
      } else {
        expect((await customers[0]!.client.request("DELETE", "/api/v1/me/queue")).json).toEqual({ closed: 0 });
        expect((await provider.client.request("DELETE", "/api/v1/me/queue")).json).toEqual({ closed: 2 });
      }
      for (const event of await Promise.all(told)) expect(event).toMatchObject({ providerId: provider.user.id, reason: closing, place: null });
      const rows = await server.ctx.db.select().from(queueEntries).where(eq(queueEntries.providerId, provider.user.id));
      expect(rows.map((r) => r.status)).toEqual(["closed", "closed"]);
      // Each is e-mailed a decline with an absolute link: "Book a time" on the tweep when the
      // provider has open hours (SPEC 16), else the provider's page.
      const link = closing === "outside_hours" ? `${server.url}/tweeps/${provider.tweep.id}#book-a-time` : `${server.url}/providers/${provider.user.id}`;
      for (const c of customers) {
        const mail = await waitUntil(
          () => server.ctx.db.query.outboxMessages.findMany(),
          (all) => all.some((m) => m.recipient.endsWith(`-${c.user.id}@example.test`) && m.body.includes(link)),
        );
        expect(mail.length).toBeGreaterThan(0);
        if (closing === "outside_hours") {
          // The offer names the provider's next free times, in the customer's own zone.
          const slots = (await c.client.get(`/api/v1/providers/${provider.user.id}/slots?blocks=1`)).json;
          const body = mail.find((m) => m.recipient.endsWith(`-${c.user.id}@example.test`) && m.body.includes(link))!.body;
          expect(slots.slots.length).toBeGreaterThan(0);
          expect(body).toContain(`(${slots.timeZone}): ${slots.slots[0].local.replace("T", " ")}, `);
        }
      }
    }
  });
});

describe("retry", () => {
  it("an unanswered call is retried once and only once", async () => {
    const provider = await setUpProvider();
    const customer = await setUpCustomer(provider, "Oleg");
    const started = await ask(customer.socket, "call:start", { orderId: customer.order.id });
    const missed = await nextEvent(customer.socket, "call:ended", (p) => p.sessionId === started.session.id && p.status === "missed");
    expect(Date.parse(missed.retryAt)).toBeGreaterThan(Date.now());
    const retried = await nextEvent(customer.socket, "call:retried", (p) => p.sessionId === started.session.id, 20_000);
    expect(retried.retrySessionId).toBeTruthy();
    const ringAgain = await waitUntil(
      () => server.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.orderId, customer.order.id)),
      (rows) => rows.length === 2 && rows.every((r) => r.status === "missed"),
    );
    const retry = ringAgain.find((r) => r.id === retried.retrySessionId)!;
    expect([retry.retryOfId, retry.retryState, retry.retryAt]).toEqual([started.session.id, null, null]);
    expect(ringAgain.find((r) => r.id === started.session.id)!.retryState).toBe("done");
    // Both missed calls were e-mailed to the provider.
    await waitUntil(
      () => server.ctx.db.query.outboxMessages.findMany(),
      (all) => all.filter((m) => m.recipient === `provider-${provider.user.id}@example.test` && /Missed call|Пропущенный/.test(m.subject ?? "")).length === 2,
    );
    // Nothing is due any more: the retry is never retried.
    expect(await retryMissedCalls(server.ctx)).toEqual({ retried: 0, due: 0 });
    // The panel lists both rings as missed, the second marked as the retry.
    const day = `from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;
    const calls = (await provider.client.get(`/api/v1/me/calls?${day}`)).json.calls as { id: string; outcome: string; retry: boolean }[];
    expect(calls.map((c) => [c.id, c.outcome, c.retry]).sort()).toEqual(
      [
        [started.session.id, "missed", false],
        [retried.retrySessionId, "missed", true],
      ].sort(),
    );
  });

});
