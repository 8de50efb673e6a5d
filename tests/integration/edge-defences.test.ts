import http from "node:http";
import net from "node:net";
import { eq } from "drizzle-orm";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authSessions } from "../../db/schema.ts";
import { loadConfig } from "../../server/env.ts";
import { backoffDelaySeconds, defaultBackoffRules } from "../../server/rate-limits.ts";
import { randomPhone, readSmsCode, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

let server: TestServer;
/** Behind a trusted proxy on loopback, with the outbox turned off. */
let proxied: TestServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  const rateLimits = { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } };
  [server, proxied] = await Promise.all([
    startTestServer({ DEV_OUTBOX: "true" }, { rateLimits, socketLimits: { connectionsPerUser: 3 } }),
    startTestServer({ TRUST_PROXY: "loopback", DEV_OUTBOX: "false" }, { rateLimits }),
  ]);
});
afterAll(async () => {
  sockets.forEach((socket) => socket.close());
  await Promise.all([server?.stop(), proxied?.stop()]);
});

const cookieOf = (client: { cookies: Map<string, string> }) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");

function connect(url: string, cookie: string, origin?: string) {
  const socket = io(url, { transports: ["websocket"], extraHeaders: { cookie, ...(origin ? { origin } : {}) }, reconnection: false, forceNew: true });
  sockets.push(socket);
  return new Promise<Socket>((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

/** A JSON request from a chosen loopback source address (a different client to the server). */
function requestFrom(localAddress: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; json: any; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(
      `${server.url}${path}`,
      { method: "POST", localAddress, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data), ...headers } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, json: text ? JSON.parse(text) : undefined, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

describe("password reset", () => {
  it("ends every other session of the account and keeps the one that reset", async () => {
    const { phone, password, client: first } = await registerUser(server);
    const second = server.client();
    expect((await second.post("/api/v1/auth/login", { phone, password })).status).toBe(200);
    const stranger = await registerUser(server);
    const resetter = server.client();
    expect((await resetter.post("/api/v1/auth/register", { phone })).status).toBe(202);
    const reset = await resetter.post("/api/v1/auth/verify", { phone, code: await readSmsCode(server, phone), password: "a brand new passphrase" });
    expect(reset.status).toBe(200);

    expect((await first.get("/api/v1/me")).status).toBe(401);
    expect((await second.get("/api/v1/me")).status).toBe(401);
    expect((await resetter.get("/api/v1/me")).status).toBe(200);
    expect(await server.ctx.db.select().from(authSessions).where(eq(authSessions.userId, reset.json.user.id))).toHaveLength(1);
    // Other accounts are untouched.
    expect((await stranger.client.get("/api/v1/me")).status).toBe(200);
  });
});

describe("new passwords", () => {
  async function setPassword(password: string) {
    const client = server.client();
    const phone = randomPhone();
    await client.post("/api/v1/auth/register", { phone });
    return client.post("/api/v1/auth/verify", { phone, code: await readSmsCode(server, phone), password });
  }

  it("need at least 10 characters and must not be a common password", async () => {
    const short = await setPassword("nine char");
    expect([short.status, short.json.error.code]).toEqual([400, "validation_failed"]);
    for (const common of ["1234567890", "qwertyuiop", "Password123", "iloveyou12"]) {
      const refused = await setPassword(common);
      expect([refused.status, refused.json.error.code, refused.json.error.message]).toEqual([400, "validation_failed", expect.stringMatching(/common/)]);
    }
    expect((await setPassword("ten chars!")).status).toBe(200);
  });

  it("do not stop an existing account with a shorter password from logging in", async () => {
    const { phone, user } = await registerUser(server);
    const { hashPassword } = await import("../../server/domain/accounts/passwords.ts");
    const { users } = await import("../../db/schema.ts");
    await server.ctx.db.update(users).set({ passwordHash: await hashPassword("eightchr") }).where(eq(users.id, user.id));
    expect((await server.client().post("/api/v1/auth/login", { phone, password: "eightchr" })).status).toBe(200);
  });
});

describe("login lock-out resistance", () => {
  it("an attacker's 20 wrong tries from one address do not stop the owner logging in from another", async () => {
    const { phone, password } = await registerUser(server);
    const answers: number[] = [];
    for (let i = 0; i < 20; i++) answers.push((await requestFrom("127.0.0.2", "/api/v1/auth/login", { phone, password: `wrong guess ${i}` })).status);
    // Five failures are free; then the attacker's address waits (429), even with the right
    // password, and each wait it sits out buys one more guess and a wait twice as long.
    expect(answers.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(answers).toContain(429);
    expect(answers.filter((status) => status === 401).length).toBeLessThanOrEqual(10);
    const attackerRight = await requestFrom("127.0.0.2", "/api/v1/auth/login", { phone, password });
    expect(attackerRight.status).toBe(429);
    expect(Number(attackerRight.headers["retry-after"])).toBeGreaterThanOrEqual(1);

    const owner = await requestFrom("127.0.0.3", "/api/v1/auth/login", { phone, password });
    expect(owner.status).toBe(200);
    expect(owner.json.user.phone).toBe(phone);
  });

  it("backs off exponentially per phone and source, and globally per phone only after many failures", () => {
    const pair = defaultBackoffRules.loginFailuresPerPhoneAndSource;
    expect([5, 6, 7, 8, 9].map((n) => backoffDelaySeconds(n, pair))).toEqual([0, 1, 2, 4, 8]);
    expect(backoffDelaySeconds(100, pair)).toBe(pair.maxDelaySeconds);
    const global = defaultBackoffRules.loginFailuresPerPhone;
    expect(global.freeFailures).toBeGreaterThanOrEqual(50);
    expect(backoffDelaySeconds(global.freeFailures + 1, global)).toBe(1);
  });

  it("the wait ends: after the back-off the right password works from the same address", async () => {
    const { phone, password } = await registerUser(server);
    for (let i = 0; i < 6; i++) await requestFrom("127.0.0.4", "/api/v1/auth/login", { phone, password: "wrong guess" });
    const waiting = await requestFrom("127.0.0.4", "/api/v1/auth/login", { phone, password });
    expect(waiting.status).toBe(429);
    const wait = Number(waiting.headers["retry-after"]);
    expect(wait).toBeLessThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    expect((await requestFrom("127.0.0.4", "/api/v1/auth/login", { phone, password })).status).toBe(200);
  });
});

describe("Socket.IO handshake origin", () => {
  it("refuses a cross-origin handshake and accepts a same-origin one", async () => {
    const { client } = await registerUser(server);
    const port = new URL(server.url).port;
    const otherPort = await connect(server.url, cookieOf(client), `http://127.0.0.1:${Number(port) + 1}`).catch((error: Error) => error);
    expect(otherPort).toBeInstanceOf(Error);
    const otherSite = await connect(server.url, cookieOf(client), "https://evil.example").catch((error: Error) => error);
    expect(otherSite).toBeInstanceOf(Error);
    const same = await connect(server.url, cookieOf(client), `http://127.0.0.1:${port}`);
    expect(same.connected).toBe(true);
  });
});

describe("socket limits", () => {
  it("answers events beyond the per-socket rate with a rate_limited ack error", async () => {
    const { client } = await registerUser(server);
    const socket = await connect(server.url, cookieOf(client));
    const acks = await Promise.all(Array.from({ length: 100 }, () => socket.emitWithAck("heartbeat", {})));
    const limited = acks.filter((ack) => ack.error?.code === "rate_limited");
    expect(acks.filter((ack) => ack.ok).length).toBeGreaterThanOrEqual(1);
    expect(limited.length).toBeGreaterThanOrEqual(50);
  });

  it("caps concurrent connections per user, and frees a place when one closes", async () => {
    const { client } = await registerUser(server);
    const open = [await connect(server.url, cookieOf(client)), await connect(server.url, cookieOf(client)), await connect(server.url, cookieOf(client))];
    const fourth = await connect(server.url, cookieOf(client)).catch((error: Error) => error);
    expect((fourth as Error).message).toBe("too_many_connections");
    // Another user is not affected.
    expect((await connect(server.url, cookieOf((await registerUser(server)).client))).connected).toBe(true);
    open[0]!.close();
    let again: Socket | Error = new Error("not tried");
    for (let attempt = 0; attempt < 50 && again instanceof Error; attempt++) {
      again = await connect(server.url, cookieOf(client)).catch((error: Error) => error);
      if (again instanceof Error) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(again).not.toBeInstanceOf(Error);
  });
});

describe("JSON body size cap", () => {
  /** Sends a request by hand and stops sending once the server answers. */
  function sendLargeBody(options: { declareLength: boolean; totalBytes: number }) {
    return new Promise<{ status: number; sentBytes: number; closed: boolean }>((resolve, reject) => {
      const { hostname, port } = new URL(server.url);
      const socket = net.connect(Number(port), hostname);
      let response = "";
      let sentBytes = 0;
      let answered = false;
      socket.on("error", (error: NodeJS.ErrnoException) => {
        // The server closing while we still write is the point; anything else is a failure.
        if (!answered && error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
      });
      socket.on("data", (chunk) => {
        response += chunk.toString("latin1");
        answered = true;
      });
      socket.on("close", () => {
        const status = Number(response.match(/^HTTP\/1\.1 (\d{3})/)?.[1] ?? 0);
        resolve({ status, sentBytes, closed: true });
      });
      socket.write(
        `POST /api/v1/auth/login HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\n` +
          (options.declareLength ? `Content-Length: ${options.totalBytes}\r\n` : "Transfer-Encoding: chunked\r\n") +
          "\r\n",
      );
      const piece = Buffer.alloc(16 * 1024, "a");
      const writeMore = () => {
        while (!answered && !socket.destroyed && sentBytes < options.totalBytes) {
          sentBytes += piece.length;
          const ok = options.declareLength ? socket.write(piece) : socket.write(`${piece.length.toString(16)}\r\n${piece}\r\n`);
          if (!ok) return void socket.once("drain", writeMore);
        }
      };
      socket.write(options.declareLength ? '{"phone":"' : `${(10).toString(16)}\r\n{"phone":"\r\n`);
      writeMore();
    });
  }

  it("refuses a declared oversized body with 413 before reading it, and closes the connection", async () => {
    const result = await sendLargeBody({ declareLength: true, totalBytes: 50 * 1024 * 1024 });
    expect(result.status).toBe(413);
    expect(result.closed).toBe(true);
    expect(result.sentBytes).toBeLessThan(50 * 1024 * 1024);
  });

  it("refuses a chunked body with no length as soon as it passes the cap", async () => {
    const result = await sendLargeBody({ declareLength: false, totalBytes: 50 * 1024 * 1024 });
    expect(result.status).toBe(413);
    expect(result.closed).toBe(true);
    expect(result.sentBytes).toBeLessThan(50 * 1024 * 1024);
  });

  it("accepts a normal body under the cap", async () => {
    const answer = await server.client().post("/api/v1/auth/login", { phone: randomPhone(), password: "x".repeat(100) });
    expect(answer.status).toBe(401);
  });
});

describe("TRUST_PROXY", () => {
  it("parses a hop count or a list of addresses and CIDRs, and refuses nonsense", () => {
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.0/8, 127.0.0.1" }).trustProxy).toEqual(["10.0.0.0/8", "127.0.0.1"]);
    expect(loadConfig({}).trustProxy).toBeUndefined();
    expect(() => loadConfig({ TRUST_PROXY: "not an address" })).toThrow(/TRUST_PROXY/);
  });

  /** Seven wrong passwords for one phone, each claiming a different client address. */
  async function failWithForgedAddresses(target: TestServer) {
    const { phone } = await registerUser(target);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const answer = await target.client().post("/api/v1/auth/login", { phone, password: "wrong guess" }, { "x-forwarded-for": `203.0.113.${i}` });
      statuses.push(answer.status);
    }
    return statuses;
  }

  it("without it, X-Forwarded-For is ignored: forged addresses share the peer's back-off", async () => {
    expect(await failWithForgedAddresses(server)).toContain(429);
  });

  it("with it, limits key on the client address the trusted proxy reports", async () => {
    expect(await failWithForgedAddresses(proxied)).toEqual([401, 401, 401, 401, 401, 401, 401]);
    // One client behind the proxy still meets its own back-off, whatever it writes left of
    // the proxy's entry: only trusted hops are peeled off.
    const { phone } = await registerUser(proxied);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const answer = await proxied.client().post("/api/v1/auth/login", { phone, password: "wrong guess" }, { "x-forwarded-for": `198.51.100.${i}, 203.0.113.77` });
      statuses.push(answer.status);
    }
    expect(statuses).toContain(429);
  });

  it("the socket handshake judges Origin with the same request source (the trusted proxy's protocol)", async () => {
    {
      const { client } = await registerUser(proxied);
      const port = new URL(proxied.url).port;
      const socket = io(proxied.url, {
        transports: ["websocket"],
        extraHeaders: { cookie: cookieOf(client), origin: `https://127.0.0.1:${port}`, "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9" },
        reconnection: false,
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      expect(socket.connected).toBe(true);
      // The same https origin straight from a client (no trusted proxy saying https) is another site.
      const direct = await connect(server.url, cookieOf((await registerUser(server)).client), `https://127.0.0.1:${new URL(server.url).port}`).catch((error: Error) => error);
      expect(direct).toBeInstanceOf(Error);
    }
  });
});

describe("/dev/outbox", () => {
  it("is served on the embedded default and never in production unless DEV_OUTBOX=true", () => {
    const production = { NODE_ENV: "production", SECRET_KEY: "x".repeat(32), DEVELOPMENT_ADAPTERS: "true" } as const;
    expect(loadConfig({ NODE_ENV: "development" }).devOutbox).toBe(true);
    expect(loadConfig({ NODE_ENV: "development", DATABASE_URL: "postgres://db/app" }).devOutbox).toBe(false);
    expect(loadConfig({ NODE_ENV: "development", DATABASE_URL: "postgres://db/app", DEV_OUTBOX: "true" }).devOutbox).toBe(true);
    expect(loadConfig(production).devOutbox).toBe(false);
    expect(loadConfig({ ...production, DEV_OUTBOX: "true" }).devOutbox).toBe(true);
    expect(loadConfig({ ...production, DEVELOPMENT_ADAPTERS: "false", DEV_OUTBOX: "true", STRIPE_SECRET_KEY: "sk", STRIPE_WEBHOOK_SECRET: "wh", SMS_GATEWAY_URL: "http://sms.test" }).devOutbox).toBe(false);
  });

  it("GET /api/v1/dev/outbox answers 404 when it is not enabled, and the config says so", async () => {
    const [closed, open] = [proxied, server];
    {
      const refused = await closed.client().get("/api/v1/dev/outbox");
      expect([refused.status, refused.json.error.code]).toEqual([404, "not_found"]);
      expect((await closed.client().get("/api/v1/config")).json.devOutbox).toBe(false);
      expect((await open.client().get("/api/v1/dev/outbox")).status).toBe(200);
      expect((await open.client().get("/api/v1/config")).json.devOutbox).toBe(true);
    }
  });
});

describe("security headers on the API", () => {
  it("forbids framing and sniffing, and sends HSTS only over HTTPS", async () => {
    const answer = await server.client().get("/api/v1/config");
    expect(answer.headers.get("x-frame-options")).toBe("DENY");
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    expect(answer.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(answer.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(answer.headers.get("strict-transport-security")).toBeNull();
    // A client claiming HTTPS through X-Forwarded-Proto is not believed without TRUST_PROXY.
    expect((await server.client().get("/api/v1/config", { "x-forwarded-proto": "https" })).headers.get("strict-transport-security")).toBeNull();
    expect((await proxied.client().get("/api/v1/config", { "x-forwarded-proto": "https" })).headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect((await proxied.client().get("/api/v1/config")).headers.get("strict-transport-security")).toBeNull();
  });
});
