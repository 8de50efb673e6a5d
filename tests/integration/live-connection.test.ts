import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

let server: TestServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server?.stop();
});

function connect(url: string, cookie?: string): Socket {
  const socket = io(url, { transports: ["websocket"], extraHeaders: cookie ? { cookie } : {}, reconnection: false });
  sockets.push(socket);
  return socket;
}

function cookieOf(client: { cookies: Map<string, string> }) {
  return [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
}

const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });

describe("live connection", () => {
  it("refuses a connection without a valid session cookie", async () => {
    const error = await connected(connect(server.url)).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("unauthenticated");
    const forged = await connected(connect(server.url, "tweeps_session=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")).catch((e: Error) => e);
    expect((forged as Error).message).toBe("unauthenticated");
  });

  it("answers a heartbeat, and a bad payload with an ack error", async () => {
    const { client } = await registerUser(server);
    const socket = connect(server.url, cookieOf(client));
    await connected(socket);
    const ok = await socket.timeout(5_000).emitWithAck("heartbeat", {});
    expect(ok.ok).toBe(true);
    expect(Date.parse(ok.serverTime)).not.toBeNaN();
    const bad = await socket.timeout(5_000).emitWithAck("heartbeat", { unexpected: 1 });
    expect(bad.error.code).toBe("validation_failed");
  });

  it("tells every open page of the user, and only that user, about a new balance", async () => {
    const alice = await registerUser(server);
    const bob = await registerUser(server);
    const aliceTabs = [connect(server.url, cookieOf(alice.client)), connect(server.url, cookieOf(alice.client))];
    const bobTab = connect(server.url, cookieOf(bob.client));
    await Promise.all([...aliceTabs, bobTab].map(connected));
    const bobHeard: unknown[] = [];
    bobTab.on("wallet:updated", (payload) => bobHeard.push(payload));

    const heard = aliceTabs.map((tab) => new Promise((resolve) => tab.once("wallet:updated", resolve)));
    await alice.client.post("/api/v1/wallet/top-ups", { amountMinor: 4_200 });
    expect(await Promise.all(heard)).toEqual([{ balanceMinor: 4_200 }, { balanceMinor: 4_200 }]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bobHeard).toEqual([]);
  });
});

// Two app processes share rooms only through Redis; without REDIS_URL (and a shared
// PostgreSQL, since PGlite lives inside one process) there is nothing to test here.
describe.skipIf(!process.env.REDIS_URL || !process.env.DATABASE_URL)("live connection across processes (Redis)", () => {
  it("delivers an event caused on one server to a page connected to another", async () => {
    const other = await startTestServer({ DATABASE_URL: server.databaseUrl!, REDIS_PREFIX: server.ctx.config.redisPrefix });
    try {
      const { client } = await registerUser(server);
      const socket = connect(other.url, cookieOf(client));
      await connected(socket);
      const heard = new Promise((resolve) => socket.once("wallet:updated", resolve));
      await client.post("/api/v1/wallet/top-ups", { amountMinor: 777 });
      expect(await heard).toEqual({ balanceMinor: 777 });
    } finally {
      await other.close();
    }
  });

  it("shutting one server down leaves the users of the others connected", async () => {
    const other = await startTestServer({ DATABASE_URL: server.databaseUrl!, REDIS_PREFIX: server.ctx.config.redisPrefix });
    const { client } = await registerUser(server);
    const stays = connect(server.url, cookieOf(client));
    const goes = connect(other.url, cookieOf(client));
    await Promise.all([connected(stays), connected(goes)]);
    const reasons: string[] = [];
    stays.on("disconnect", (reason) => reasons.push(reason));

    await other.close();
    expect(goes.connected).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reasons).toEqual([]);
    expect((await stays.timeout(5_000).emitWithAck("heartbeat", {})).ok).toBe(true);
  });
});
