import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { consultationSessions, queueEntries } from "../../db/schema.ts";
import { retryMissedCalls } from "../../server/domain/sessions/retry-missed-calls.ts";
import { ask, createSocketPool, nextEvent, publishConsultation, waitUntil } from "../fixtures/live-fixtures.ts";
import { registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// SPEC 15 with two app processes sharing PostgreSQL and Redis: the queue is state in the
// database and its loops run in both processes, yet each turn is given once and reaches the
// customer on the other process; only the turn holder can call.
const shared = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

const servers: TestServer[] = [];
const pool = createSocketPool();
afterAll(async () => {
  pool.closeAll();
  for (const server of servers.reverse()) await server.stop();
});

describe.skipIf(!shared)("the waiting list across app processes (needs DATABASE_URL and REDIS_URL)", () => {
  it("a turn given by either process reaches a customer on the other, once, and passes on when it expires", async () => {
    const prefix = `queue-${Date.now()}`;
    const timers = { QUEUE_TURN_SECONDS: "2", CALL_RING_SECONDS: "3" };
    const first = await startTestServer({ ...timers, REDIS_PREFIX: prefix });
    servers.push(first);
    const second = await startTestServer({ ...timers, DATABASE_URL: first.databaseUrl!, REDIS_PREFIX: prefix });
    servers.push(second);

    const provider = await registerUser(first);
    const tweep = await publishConsultation(first, provider.user.id, { textPriceMinor: 1_000n });
    const providerClient = Object.assign(second.client(), { cookies: provider.client.cookies });
    await pool.connect(second.url, providerClient);
    await providerClient.request("PUT", "/api/v1/me/status", { status: "busy" });

    const customers = [];
    for (const name of ["Ann", "Bob"]) {
      const customer = await registerUser(first);
      await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 5_000 });
      const order = (await customer.client.post("/api/v1/orders", { tweepId: tweep.id, medium: "text" })).json.order;
      const socket = await pool.connect(first.url, customer.client);
      expect((await customer.client.post(`/api/v1/orders/${order.id}/queue`)).status, name).toBe(201);
      customers.push({ ...customer, order, socket });
    }
    const [ann, bob] = customers as [(typeof customers)[number], (typeof customers)[number]];
    const annTurns: unknown[] = [];
    ann.socket.on("queue:turn", (event) => annTurns.push(event));
    const annTurn = nextEvent(ann.socket, "queue:turn");
    // Available on the second process; the turn reaches Ann on the first.
    await providerClient.request("PUT", "/api/v1/me/status", { status: "available" });
    await annTurn;
    expect((await ask(bob.socket, "call:start", { orderId: bob.order.id })).error.code).toBe("provider_unavailable");
    const bobTurn = nextEvent(bob.socket, "queue:turn");
    await bobTurn;
    // Both processes' loops ran all along: Ann got exactly one turn.
    expect(annTurns).toHaveLength(1);
    const rows = await first.ctx.db.select().from(queueEntries).where(eq(queueEntries.providerId, provider.user.id));
    expect(rows.map((r) => [r.customerId, r.status]).sort()).toEqual([[ann.user.id, "expired"], [bob.user.id, "turn"]].sort());
    const started = await ask(bob.socket, "call:start", { orderId: bob.order.id });
    expect(started.ok, JSON.stringify(started)).toBe(true);
    await ask(bob.socket, "call:cancel", { sessionId: started.session.id });
  });
  it("a missed call is retried once and only once while both processes run the retry loop", async () => {
    const prefix = `retry-${Date.now()}`;
    const timers = { CALL_RING_SECONDS: "2", CALL_RETRY_SECONDS: "2" };
    const first = await startTestServer({ ...timers, REDIS_PREFIX: prefix });
    servers.push(first);
    const second = await startTestServer({ ...timers, DATABASE_URL: first.databaseUrl!, REDIS_PREFIX: prefix });
    servers.push(second);

    const provider = await registerUser(first);
    await provider.client.patch("/api/v1/me", { email: `retried-${provider.user.id}@example.test` });
    const tweep = await publishConsultation(first, provider.user.id, { textPriceMinor: 1_000n });
    const providerClient = Object.assign(second.client(), { cookies: provider.client.cookies });
    const providerSocket = await pool.connect(second.url, providerClient);
    await providerClient.request("PUT", "/api/v1/me/status", { status: "available" });
    const rings: unknown[] = [];
    providerSocket.on("call:ringing", (event) => rings.push(event));

    const customer = await registerUser(first);
    await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 5_000 });
    const order = (await customer.client.post("/api/v1/orders", { tweepId: tweep.id, medium: "text" })).json.order;
    const socket = await pool.connect(first.url, customer.client);
    const retriedEvents: unknown[] = [];
    socket.on("call:retried", (event) => retriedEvents.push(event));
    const retried = nextEvent(socket, "call:retried", () => true, 20_000);
    const started = await ask(socket, "call:start", { orderId: order.id });
    expect(started.ok, JSON.stringify(started)).toBe(true);
    expect((await retried).sessionId).toBe(started.session.id);
    // Nobody answers either ring; the retry's own miss is not retried.
    const rows = await waitUntil(
      () => first.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.orderId, order.id)),
      (all) => all.length === 2 && all.every((row) => row.status === "missed") && all.some((row) => row.retryState === "done"),
      20_000,
    );
    const retry = rows.find((row) => row.retryOfId === started.session.id)!;
    expect([retry.retryAt, retry.retryState]).toEqual([null, null]);
    expect(await retryMissedCalls(first.ctx)).toEqual({ retried: 0, due: 0 });
    expect(await retryMissedCalls(second.ctx)).toEqual({ retried: 0, due: 0 });
    expect(await first.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.orderId, order.id))).toHaveLength(2);
    await waitUntil(async () => rings.length, (count) => count >= 2);
    expect(retriedEvents).toHaveLength(1);
    expect(rings).toHaveLength(2);
    // Each missed ring e-mailed to the provider once.
    await waitUntil(
      () => first.ctx.db.query.outboxMessages.findMany(),
      (all) => all.filter((m) => m.recipient === `retried-${provider.user.id}@example.test` && /Missed call|Пропущенный/.test(m.subject ?? "")).length === 2,
    );
  });
});
