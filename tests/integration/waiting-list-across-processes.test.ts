import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { queueEntries } from "../../db/schema.ts";
import { ask, createSocketPool, nextEvent, publishConsultation } from "../fixtures/live-fixtures.ts";
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
});
