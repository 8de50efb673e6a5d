import { afterAll, describe, expect, it } from "vitest";
import { ask, createSocketPool, nextEvent, publishConsultation } from "../fixtures/live-fixtures.ts";
import { registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// SPEC 9 with several app processes: a customer connected to one process follows a provider
// connected to another, through Redis (presence set and the Socket.IO Redis Streams adapter).
// Two processes can share only a real PostgreSQL and Redis: without them there is nothing
// to share, and the embedded default runs one process by design.
const shared = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

const servers: TestServer[] = [];
const pool = createSocketPool();
afterAll(async () => {
  pool.closeAll();
  for (const server of servers.reverse()) await server.stop();
});

describe.skipIf(!shared)("presence across app processes (needs DATABASE_URL and REDIS_URL)", () => {
  it("a status change and a departure on one process reach a customer on another", async () => {
    const prefix = `presence-${Date.now()}`;
    const first = await startTestServer({ REDIS_PREFIX: prefix });
    servers.push(first);
    const second = await startTestServer({ DATABASE_URL: first.databaseUrl!, REDIS_PREFIX: prefix });
    servers.push(second);

    const provider = await registerUser(first);
    const customer = await registerUser(first);
    await publishConsultation(first, provider.user.id, { textPriceMinor: 1_000n });
    // The same cookies work on both processes: sessions live in the shared database.
    const customerSocket = await pool.connect(first.url, customer.client);
    const providerClient = Object.assign(second.client(), { cookies: provider.client.cookies });
    const providerSocket = await pool.connect(second.url, providerClient);

    const watched = await ask(customerSocket, "presence:watch", { userIds: [provider.user.id] });
    expect(watched.statuses[0]).toMatchObject({ online: true, status: "not_set", callable: false });

    const available = nextEvent(customerSocket, "presence:changed", (p) => p.status === "available");
    expect((await providerClient.request("PUT", "/api/v1/me/status", { status: "available" })).status).toBe(200);
    expect(await available).toMatchObject({ userId: provider.user.id, online: true, callable: true });

    const offline = nextEvent(customerSocket, "presence:changed", (p) => p.online === false);
    providerSocket.close();
    expect(await offline).toMatchObject({ userId: provider.user.id, callable: false });
  });
});
