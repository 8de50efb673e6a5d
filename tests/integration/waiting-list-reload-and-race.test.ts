import { and, eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consultationSessions, queueEntries } from "../../db/schema.ts";
import { giveTurn } from "../../server/domain/queue/give-turn.ts";
import { retryMissedCalls } from "../../server/domain/sessions/retry-missed-calls.ts";
import { ask, createSocketPool, nextEvent, publishConsultation, waitUntil } from "../fixtures/live-fixtures.ts";
import { registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// SPEC 15: the retry countdown survives a page reload, and the line is enforced by the
// database, so a call and a turn for the same provider never overlap.
const onPostgres = Boolean(process.env.DATABASE_URL);
let server: TestServer;
const pool = createSocketPool();
beforeAll(async () => {
  server = await startTestServer(
    { CALL_RING_SECONDS: "2", CALL_RETRY_SECONDS: "600", QUEUE_TURN_SECONDS: "60" },
    { rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } },
  );
});
afterAll(async () => {
  pool.closeAll();
  await server?.stop();
});

async function setUpProvider(status: "available" | "busy") {
  const provider = await registerUser(server);
  await provider.client.patch("/api/v1/me", { name: "Vera", timeZone: "UTC" });
  const tweep = await publishConsultation(server, provider.user.id, { textPriceMinor: 1_000n });
  const socket = await pool.connect(server.url, provider.client);
  expect((await provider.client.request("PUT", "/api/v1/me/status", { status })).status).toBe(200);
  return { ...provider, tweep, socket };
}
type Provider = Awaited<ReturnType<typeof setUpProvider>>;

async function setUpCustomer(provider: Provider) {
  const customer = await registerUser(server);
  expect((await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 5_000 })).status).toBe(201);
  const placed = await customer.client.post("/api/v1/orders", { tweepId: provider.tweep.id, medium: "text" });
  expect(placed.status, placed.text).toBe(201);
  const socket = await pool.connect(server.url, customer.client);
  return { ...customer, order: placed.json.order as { id: string }, socket };
}

const setUpCustomers = (provider: Provider, count: number) => Promise.all(Array.from({ length: count }, () => setUpCustomer(provider)));

describe("the missed call's retry after a reload", () => {
  it("the order's sessions carry the pending retry until the customer cancels it", async () => {
    const provider = await setUpProvider("available");
    const customer = await setUpCustomer(provider);
    const started = await ask(customer.socket, "call:start", { orderId: customer.order.id });
    expect(started.ok, JSON.stringify(started)).toBe(true);
    const missed = await nextEvent(customer.socket, "call:ended", (p) => p.sessionId === started.session.id && p.status === "missed");
    // What a freshly loaded order card reads: the same retry time the live event carried.
    const read = async (client: typeof customer.client) => (await client.get(`/api/v1/orders/${customer.order.id}/sessions`)).json.sessions as { id: string; retryAt: string | null }[];
    expect((await read(customer.client)).map((s) => [s.id, s.retryAt])).toEqual([[started.session.id, missed.retryAt]]);
    expect((await read(provider.client))[0]!.retryAt).toBe(missed.retryAt);

    expect((await customer.client.request("DELETE", `/api/v1/sessions/${started.session.id}/retry`)).status).toBe(200);
    expect((await read(customer.client)).map((s) => [s.id, s.retryAt])).toEqual([[started.session.id, null]]);
  });

  it("the customer may cancel the retry during the countdown, and it never rings", async () => {
    const provider = await setUpProvider("available");
    const customer = await setUpCustomer(provider);
    const started = await ask(customer.socket, "call:start", { orderId: customer.order.id });
    const missed = await nextEvent(customer.socket, "call:ended", (p) => p.sessionId === started.session.id && p.status === "missed");
    expect((await provider.client.request("DELETE", `/api/v1/sessions/${started.session.id}/retry`)).status).toBe(403);
    const cancelled = await customer.client.request("DELETE", `/api/v1/sessions/${started.session.id}/retry`);
    expect(cancelled.json).toMatchObject({ retryState: "cancelled" });
    expect((await customer.client.request("DELETE", `/api/v1/sessions/${started.session.id}/retry`)).status).toBe(409);
    // When the countdown would have ended, the retry loop finds nothing due.
    const later = { ...server.ctx, now: () => new Date(Date.parse(missed.retryAt) + 1_000) };
    expect(await retryMissedCalls(later)).toEqual({ retried: 0, due: 0 });
    const rows = await server.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.orderId, customer.order.id));
    expect(rows.map((r) => [r.status, r.retryState])).toEqual([["missed", "cancelled"]]);
  });
});

describe("calls and turns never overlap", () => {
  it("ten customers calling while the turn is given are refused; only the turn holder's call rings", async () => {
    const provider = await setUpProvider("busy");
    const holder = await setUpCustomer(provider);
    expect((await holder.client.post(`/api/v1/orders/${holder.order.id}/queue`)).status).toBe(201);
    const others = await setUpCustomers(provider, 10);
    const rings: { orderId: string }[] = [];
    provider.socket.on("call:ringing", (event) => rings.push(event));
    const turn = nextEvent(holder.socket, "queue:turn");

    const [invited, ...attempts] = await Promise.all([
      provider.client.post("/api/v1/me/queue/invite-next"),
      ...others.map((other) => ask(other.socket, "call:start", { orderId: other.order.id })),
    ]);
    expect(invited.status, invited.text).toBe(200);
    for (const attempt of attempts) expect(attempt.error?.code, JSON.stringify(attempt)).toBe("provider_unavailable");
    await turn;
    const ringing = nextEvent(provider.socket, "call:ringing", (p) => p.orderId === holder.order.id);
    const started = await ask(holder.socket, "call:start", { orderId: holder.order.id });
    expect(started.ok, JSON.stringify(started)).toBe(true);
    await ringing;
    expect(rings.map((r) => r.orderId)).toEqual([holder.order.id]);
    const calls = await server.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.providerId, provider.user.id));
    expect(calls.map((c) => c.customerId)).toEqual([holder.user.id]);
  });

  it("no turn is given while another customer's call rings", async () => {
    const provider = await setUpProvider("available");
    const [caller, waiter] = await setUpCustomers(provider, 2);
    const started = await ask(caller!.socket, "call:start", { orderId: caller!.order.id });
    expect(started.ok, JSON.stringify(started)).toBe(true);
    // The waiter's place as a join in flight would leave it: the call was placed first.
    await server.ctx.db.insert(queueEntries).values({ providerId: provider.user.id, customerId: waiter!.user.id, orderId: waiter!.order.id, medium: "text", joinedAt: new Date() });
    expect(await giveTurn(server.ctx, provider.user.id)).toBeNull();
    expect((await provider.client.post("/api/v1/me/queue/invite-next")).json.error.code).toBe("invalid_state");
    expect((await ask(caller!.socket, "call:cancel", { sessionId: started.session.id })).ok).toBe(true);
    // Once nothing rings, the turn is given (by the loop or here, once).
    const [entry] = await waitUntil(
      async () => {
        await giveTurn(server.ctx, provider.user.id);
        return server.ctx.db.select().from(queueEntries).where(and(eq(queueEntries.providerId, provider.user.id), eq(queueEntries.customerId, waiter!.user.id)));
      },
      (rows) => rows[0]?.status === "turn",
    );
    expect(entry!.status).toBe("turn");
  });

  // A second connection gives the turn in a transaction it holds open, as another process
  // would: the calls read an empty line, then must wait for the turn and be refused by it.
  it.skipIf(!onPostgres)("calls that read the line before a turn committed are refused by the database", async () => {
    const provider = await setUpProvider("available");
    const holder = await setUpCustomer(provider);
    const others = await setUpCustomers(provider, 10);
    const rings: { orderId: string }[] = [];
    provider.socket.on("call:ringing", (event) => rings.push(event));
    const other = new pg.Client({ connectionString: server.databaseUrl! });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(
        `INSERT INTO queue_entries (provider_id, customer_id, order_id, medium, status, joined_at, turn_expires_at)
         SELECT $1::uuid, $2::uuid, $3::uuid, 'text', 'turn', now(), now() + interval '60 seconds' WHERE queue_may_give_turn($1::uuid)`,
        [provider.user.id, holder.user.id, holder.order.id],
      );
      const attempts = Promise.all(others.map((o) => ask(o.socket, "call:start", { orderId: o.order.id })));
      // Every call has passed its read and waits on the provider's lock.
      await waitUntil(
        async () =>
          (
            await other.query(
              "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            )
          ).rows[0].n as number,
        (n) => n === others.length,
      );
      await other.query("COMMIT");
      for (const attempt of await attempts) {
        expect(attempt.error, JSON.stringify(attempt)).toMatchObject({ code: "provider_unavailable", details: { reason: "busy", queueOpen: true } });
      }
    } finally {
      await other.end();
    }
    const started = await ask(holder.socket, "call:start", { orderId: holder.order.id });
    expect(started.ok, JSON.stringify(started)).toBe(true);
    const calls = await server.ctx.db.select().from(consultationSessions).where(eq(consultationSessions.providerId, provider.user.id));
    expect(calls.map((c) => c.customerId)).toEqual([holder.user.id]);
    await waitUntil(async () => rings.length, (n) => n === 1);
    expect(rings.map((r) => r.orderId)).toEqual([holder.order.id]);
  });
});
