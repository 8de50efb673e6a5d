import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authSessions, outboxMessages, phoneCodes, users } from "../../db/schema.ts";
import { randomPhone, readSmsCode, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

async function userByPhone(phone: string) {
  const [user] = await server.ctx.db.select().from(users).where(eq(users.phone, phone));
  return user;
}

describe("registration by phone", () => {
  it("sends a code, verifies it, stores an argon2id hash and logs the user in", async () => {
    const phone = randomPhone();
    const client = server.client();
    const sent = await client.post("/api/v1/auth/register", { phone: phone.replace(/^\+7(\d{3})(\d{3})/, "+7 ($1) $2-") });
    expect(sent.status).toBe(202);
    expect(sent.json).toEqual({ phone, expiresInSeconds: 600 });

    const verified = await client.post("/api/v1/auth/verify", {
      phone,
      code: await readSmsCode(server, phone),
      password: "long enough secret",
    });
    expect(verified.status).toBe(200);
    expect(verified.json.user).toMatchObject({ phone, roles: ["customer"], language: "ru" });
    const cookie = verified.headers.getSetCookie().find((c) => c.startsWith("tweeps_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);

    const stored = await userByPhone(phone);
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored?.passwordHash).not.toContain("long enough secret");
    expect((await client.get("/api/v1/me")).json.user.id).toBe(stored!.id);
    // The code is single-use.
    expect(await server.ctx.db.select().from(phoneCodes).where(eq(phoneCodes.phone, phone))).toHaveLength(0);
  });

  it("texts the code in one language: the account's, or the asking page's for a new phone", async () => {
    const smsTo = async (phone: string) => {
      const code = await readSmsCode(server, phone);
      const [message] = await server.ctx.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, phone));
      return { code, body: message!.body };
    };
    const cyrillic = /[а-яё]/i;
    const english = /\b(your|code|valid)\b/i;

    const newEnglish = randomPhone();
    await server.client().post("/api/v1/auth/register", { phone: newEnglish }, { "accept-language": "en-GB,en;q=0.9,ru;q=0.5" });
    const en = await smsTo(newEnglish);
    expect(en.body).toContain(en.code);
    expect(en.body).toMatch(english);
    expect(en.body).not.toMatch(cyrillic);

    const newRussian = randomPhone();
    // The language switch's cookie wins over the browser's languages, as on the pages.
    await server.client().post("/api/v1/auth/register", { phone: newRussian }, { cookie: "tweeps_locale=ru", "accept-language": "en" });
    const ru = await smsTo(newRussian);
    expect(ru.body).toContain(ru.code);
    expect(ru.body).toMatch(cyrillic);
    expect(ru.body).not.toMatch(english);

    // An existing account (a password reset) gets its own language whatever the page's.
    const account = await registerUser(server);
    expect((await account.client.patch("/api/v1/me", { language: "en" })).status).toBe(200);
    await server.ctx.db.delete(outboxMessages).where(eq(outboxMessages.recipient, account.phone));
    await server.client().post("/api/v1/auth/register", { phone: account.phone }, { "accept-language": "ru" });
    const reset = await smsTo(account.phone);
    expect(reset.body).toMatch(english);
    expect(reset.body).not.toMatch(cyrillic);
  });

  it("refuses a wrong code, counts attempts and locks the code after five", async () => {
    const phone = randomPhone();
    const client = server.client();
    await client.post("/api/v1/auth/register", { phone });
    const code = await readSmsCode(server, phone);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let attempt = 1; attempt <= 5; attempt++) {
      const answer = await client.post("/api/v1/auth/verify", { phone, code: wrong, password: "long enough secret" });
      expect(answer.status).toBe(400);
      expect(answer.json.error.code).toBe("invalid_code");
    }
    const locked = await client.post("/api/v1/auth/verify", { phone, code, password: "long enough secret" });
    expect(locked.json.error.code).toBe("invalid_code");
    expect(await userByPhone(phone)).toBeUndefined();
  });

  it("refuses an expired code", async () => {
    const phone = randomPhone();
    const client = server.client();
    await client.post("/api/v1/auth/register", { phone });
    const code = await readSmsCode(server, phone);
    await server.ctx.db.update(phoneCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(phoneCodes.phone, phone));
    const answer = await client.post("/api/v1/auth/verify", { phone, code, password: "long enough secret" });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe("code_expired");
    expect(await userByPhone(phone)).toBeUndefined();
  });

  it("answers an invalid phone and a short password with 400 and sends nothing", async () => {
    const client = server.client();
    const bad = await client.post("/api/v1/auth/register", { phone: "12" });
    expect(bad.status).toBe(400);
    const invalid = await client.post("/api/v1/auth/register", { phone: "+7 000 000" });
    expect(invalid.json.error.code).toBe("invalid_phone");
    const phone = randomPhone();
    await client.post("/api/v1/auth/register", { phone });
    const short = await client.post("/api/v1/auth/verify", { phone, code: await readSmsCode(server, phone), password: "short" });
    expect(short.status).toBe(400);
    expect(short.json.error.code).toBe("validation_failed");
    expect(await userByPhone(phone)).toBeUndefined();
  });

  it("limits code sending per phone with a clear 429", async () => {
    const phone = randomPhone();
    const client = server.client();
    for (let i = 0; i < 3; i++) expect((await client.post("/api/v1/auth/register", { phone })).status).toBe(202);
    const limited = await client.post("/api/v1/auth/register", { phone });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("log in and out", () => {
  it("logs in with the password, and logging out ends the session", async () => {
    const { phone, password, user } = await registerUser(server);
    const client = server.client();
    expect((await client.post("/api/v1/auth/login", { phone, password })).status).toBe(200);
    expect((await client.get("/api/v1/me")).json.user.id).toBe(user.id);
    const sessionsBefore = await server.ctx.db.select().from(authSessions).where(eq(authSessions.userId, user.id));

    const stolenCookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    expect((await client.post("/api/v1/auth/logout")).status).toBe(204);
    expect((await client.get("/api/v1/me")).status).toBe(401);
    // The server forgot the session: replaying the old cookie does not work either.
    const replay = await fetch(`${server.url}/api/v1/me`, { headers: { cookie: stolenCookie } });
    expect(replay.status).toBe(401);
    const sessionsAfter = await server.ctx.db.select().from(authSessions).where(eq(authSessions.userId, user.id));
    expect(sessionsAfter.length).toBe(sessionsBefore.length - 1);
  });

  it("refuses a wrong password with 401, and further attempts from the same source with 429", async () => {
    const { phone } = await registerUser(server);
    const client = server.client();
    // Five failures are free, the sixth starts the back-off (edge-defences.test.ts has the rest).
    for (let i = 0; i < 6; i++) {
      const answer = await client.post("/api/v1/auth/login", { phone, password: "not the password" });
      expect(answer.status).toBe(401);
      expect(answer.json.error.code).toBe("invalid_credentials");
    }
    const limited = await client.post("/api/v1/auth/login", { phone, password: "not the password" });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    expect(client.cookies.has("tweeps_session")).toBe(false);
  });

  it("answers an unknown phone exactly like a wrong password", async () => {
    const answer = await server.client().post("/api/v1/auth/login", { phone: randomPhone(), password: "whatever123" });
    expect(answer.status).toBe(401);
    expect(answer.json.error.code).toBe("invalid_credentials");
  });
});

describe("profile", () => {
  it("changes name, e-mail, time zone and language, and sets the interface language cookie", async () => {
    const { client, user } = await registerUser(server);
    const changed = await client.patch("/api/v1/me", {
      name: "Анна Петрова",
      email: "anna@example.com",
      timeZone: "America/New_York",
      language: "en",
    });
    expect(changed.status).toBe(200);
    expect(client.cookies.get("tweeps_locale")).toBe("en");
    const [row] = await server.ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ name: "Анна Петрова", email: "anna@example.com", timeZone: "America/New_York", language: "en" });
  });

  it("refuses an unknown time zone, a bad e-mail and unknown fields, changing nothing", async () => {
    const { client, user } = await registerUser(server);
    const before = (await server.ctx.db.select().from(users).where(eq(users.id, user.id)))[0];
    for (const body of [{ timeZone: "Mars/Olympus" }, { email: "not-an-email" }, { name: "x", isAdmin: true }, { language: "de" }]) {
      const answer = await client.patch("/api/v1/me", body);
      expect(answer.status).toBe(400);
      expect(answer.json.error.code).toBe("validation_failed");
    }
    const after = (await server.ctx.db.select().from(users).where(eq(users.id, user.id)))[0];
    expect(after).toEqual(before);
  });
});
