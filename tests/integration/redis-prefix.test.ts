import net from "node:net";
import { createClient } from "redis";
import { io, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { liveSocketOptions } from "../../app/lib/live-socket-options.ts";
import { ask, cookieOf, createSocketPool, nextEvent, waitUntil } from "../fixtures/live-fixtures.ts";
import { type ApiClient, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// Several deployments on one Redis (REDIS_PREFIX), and several processes of one deployment
// behind a balancer that spreads connections with no stickiness. Needs PostgreSQL and Redis.
const shared = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

const servers: TestServer[] = [];
const pool = createSocketPool();
const closers: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  pool.closeAll();
  for (const close of closers.reverse()) await close();
  for (const server of servers.reverse()) await server.stop();
});

async function redisClient() {
  const redis = createClient({ url: process.env.REDIS_URL });
  await redis.connect();
  closers.push(() => redis.quit().then(() => undefined));
  return redis;
}

async function start(env: Record<string, string>) {
  const server = await startTestServer(env);
  servers.push(server);
  return server;
}

/** A TCP balancer handing each new connection to the next backend in turn: no stickiness. */
async function startRoundRobin(backends: TestServer[]) {
  let next = 0;
  const landed: number[] = [];
  const connections = new Set<net.Socket>();
  const balancer = net.createServer((downstream) => {
    const index = next++ % backends.length;
    landed.push(index);
    const upstream = net.connect(backends[index]!.port, "127.0.0.1");
    for (const socket of [downstream, upstream]) {
      connections.add(socket);
      socket.on("close", () => connections.delete(socket));
      socket.on("error", () => {});
    }
    downstream.pipe(upstream).pipe(downstream);
  });
  await new Promise<void>((resolve) => balancer.listen(0, "127.0.0.1", resolve));
  const port = (balancer.address() as net.AddressInfo).port;
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        connections.forEach((socket) => socket.destroy());
        balancer.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${port}`, landed };
}

/** Connects the way pages do (app/lib/live-socket-options.ts), signed in as `client`. */
async function connectLikeThePage(url: string, client: ApiClient): Promise<Socket> {
  const socket = io(url, { ...liveSocketOptions, transports: [...liveSocketOptions.transports], extraHeaders: { cookie: cookieOf(client) }, reconnection: false });
  closers.push(() => void socket.close());
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

describe.skipIf(!shared)("REDIS_PREFIX (needs DATABASE_URL and REDIS_URL)", () => {
  it("two deployments on one Redis see neither the other's presence nor its events, and every key carries its prefix", async () => {
    const tag = Date.now().toString(36);
    const mine = `mine-${tag}`;
    const theirs = `theirs-${tag}`;
    // One database for simplicity (sessions work everywhere); Redis is what is kept apart.
    const a = await start({ REDIS_PREFIX: mine });
    const b = await start({ REDIS_PREFIX: theirs, DATABASE_URL: a.databaseUrl! });
    const c = await start({ REDIS_PREFIX: mine, DATABASE_URL: a.databaseUrl! });

    const provider = await registerUser(a);
    const customer = await registerUser(a);
    const customerSocket = await pool.connect(a.url, customer.client);
    // The provider is online in the other deployment only.
    await pool.connect(b.url, Object.assign(b.client(), { cookies: provider.client.cookies }));
    const redis = await redisClient();
    await waitUntil(() => redis.zScore(`${theirs}:presence`, provider.user.id), (score) => score !== null);
    const watched = await ask(customerSocket, "presence:watch", { userIds: [provider.user.id] });
    expect(watched.statuses[0]).toMatchObject({ online: false });

    // An event of the other deployment, once it is in Redis, never reaches this one. Had both
    // used one stream, it would be read before the event that follows from this deployment.
    const seen: number[] = [];
    customerSocket.on("wallet:updated", (event: { balanceMinor: number }) => seen.push(event.balanceMinor));
    const theirStream = `${theirs}:socket.io`;
    const before = await redis.xLen(theirStream);
    b.ctx.live.toUser(customer.user.id, "wallet:updated", { balanceMinor: 1 });
    await waitUntil(() => redis.xLen(theirStream), (length) => length > before);
    const ours = nextEvent(customerSocket, "wallet:updated", (event) => event.balanceMinor === 2);
    c.ctx.live.toUser(customer.user.id, "wallet:updated", { balanceMinor: 2 });
    await ours;
    expect(seen).toEqual([2]);

    // Keys: presence, the Socket.IO stream and rate-limit counters, each under its prefix.
    expect(await redis.type(`${mine}:presence`)).toBe("zset");
    expect(await redis.type(`${mine}:socket.io`)).toBe("stream");
    expect(await redis.type(theirStream)).toBe("stream");
    const keysOfProvider = await redis.keys(`*${provider.phone}*`);
    expect(keysOfProvider.length).toBeGreaterThan(0);
    expect(keysOfProvider.every((key) => key.startsWith(`${mine}:rl:`) || key.startsWith(`${mine}:bo:`))).toBe(true);
  });

  it("pages' live connections work through a balancer without sticky sessions (WebSocket first)", async () => {
    const prefix = `balanced-${Date.now().toString(36)}`;
    const first = await start({ REDIS_PREFIX: prefix });
    const second = await start({ REDIS_PREFIX: prefix, DATABASE_URL: first.databaseUrl! });
    const balancer = await startRoundRobin([first, second]);

    const provider = await registerUser(first);
    const customer = await registerUser(first);
    const customerSocket = await connectLikeThePage(balancer.url, customer.client);
    const providerSocket = await connectLikeThePage(balancer.url, provider.client);
    // One TCP connection each, handed to different processes, and no polling handshake.
    expect(balancer.landed).toEqual([0, 1]);
    expect(customerSocket.io.engine.transport.name).toBe("websocket");
    expect(providerSocket.io.engine.transport.name).toBe("websocket");

    const watched = await ask(customerSocket, "presence:watch", { userIds: [provider.user.id] });
    expect(watched.statuses[0]).toMatchObject({ online: true });
    const offline = nextEvent(customerSocket, "presence:changed", (p) => p.online === false);
    providerSocket.close();
    expect(await offline).toMatchObject({ userId: provider.user.id });
  });
});
