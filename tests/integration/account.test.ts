import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authSessions, notifications, users } from "../../db/schema.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { publishWork } from "../fixtures/people-fixtures.ts";
import { makeAdmin, randomPhone, readSmsCode, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } });
});
afterAll(async () => {
  expect(await verifyLedger(server.ctx.db)).toMatchObject({ ok: true, accountsSumMinor: 0, entriesSumMinor: 0 });
  await server?.stop();
});

type Party = Awaited<ReturnType<typeof registerUser>>;

async function logIn(phone: string, password: string) {
  const client = server.client();
  const answer = await client.post("/api/v1/auth/login", { phone, password }, { "user-agent": "Second browser" });
  return { client, status: answer.status };
}

async function workOrder(provider: Party, customer: Party, priceMinor = 20_000) {
  const tweep = await publishWork(server, provider.user.id, BigInt(priceMinor));
  await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: priceMinor });
  const placed = await customer.client.post("/api/v1/orders", { tweepId: tweep.id });
  expect(placed.status).toBe(201);
  return placed.json.order.id as string;
}

describe("the account's own controls", () => {
  it("changes the phone only with the code sent to the new one", async () => {
    const person = await registerUser(server);
    const other = await registerUser(server);
    const taken = await person.client.post("/api/v1/me/phone", { phone: other.phone });
    expect(taken.status).toBe(409);
    expect(taken.json.error.details.reason).toBe("phone_taken");
    const phone = randomPhone();
    expect((await person.client.post("/api/v1/me/phone", { phone })).status).toBe(202);
    const wrong = await person.client.post("/api/v1/me/phone/confirm", { phone, code: "000000" === (await readSmsCode(server, phone)) ? "111111" : "000000" });
    expect(wrong.status).toBe(400);
    expect((await person.client.get("/api/v1/me")).json.user.phone).toBe(person.phone);
    const confirmed = await person.client.post("/api/v1/me/phone/confirm", { phone, code: await readSmsCode(server, phone) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.user.phone).toBe(phone);
    expect((await logIn(phone, person.password)).status).toBe(200);
    expect((await logIn(person.phone, person.password)).status).toBe(401);
  });

  it("changes the password, ending every other session; lists and ends sessions", async () => {
    const person = await registerUser(server);
    const second = await logIn(person.phone, person.password);
    const third = await logIn(person.phone, person.password);
    const listed = await person.client.get("/api/v1/me/sessions");
    expect(listed.json.items).toHaveLength(3);
    expect(listed.json.items.filter((item: { current: boolean }) => item.current)).toHaveLength(1);
    expect(listed.json.items.filter((item: { userAgent: string | null }) => item.userAgent === "Second browser")).toHaveLength(2);

    // Ending the third session from the first.
    const thirdId = (await third.client.get("/api/v1/me/sessions")).json.items.find((item: { current: boolean }) => item.current).id;
    expect((await person.client.request("DELETE", `/api/v1/me/sessions/${thirdId}`)).status).toBe(204);
    expect((await third.client.get("/api/v1/me")).status).toBe(401);
    expect((await person.client.request("DELETE", `/api/v1/me/sessions/${thirdId}`)).status).toBe(404);
    // Someone else's session cannot be ended.
    const stranger = await registerUser(server);
    const firstId = listed.json.items.find((item: { current: boolean }) => item.current).id;
    expect((await stranger.client.request("DELETE", `/api/v1/me/sessions/${firstId}`)).status).toBe(404);
    expect((await person.client.get("/api/v1/me")).status).toBe(200);

    const refused = await person.client.post("/api/v1/me/password", { currentPassword: "not the password", newPassword: "a new long password" });
    expect(refused.status).toBe(401);
    expect((await person.client.post("/api/v1/me/password", { currentPassword: person.password, newPassword: "short" })).status).toBe(400);
    const changed = await person.client.post("/api/v1/me/password", { currentPassword: person.password, newPassword: "a new long password" });
    expect(changed.json).toEqual({ endedSessions: 1 });
    expect((await second.client.get("/api/v1/me")).status).toBe(401);
    expect((await person.client.get("/api/v1/me")).status).toBe(200);
    expect((await logIn(person.phone, person.password)).status).toBe(401);
    expect((await logIn(person.phone, "a new long password")).status).toBe(200);
  });

  it("exports the user's orders, messages and movements and nobody else's", async () => {
    const provider = await registerUser(server);
    const customer = await registerUser(server);
    const strangerProvider = await registerUser(server);
    const strangerCustomer = await registerUser(server);
    await customer.client.patch("/api/v1/me", { name: "Export Person", email: "export@example.test" });
    const mine = await workOrder(provider, customer);
    expect((await customer.client.post(`/api/v1/orders/${mine}/messages`, { body: "my own question" })).status).toBe(201);
    expect((await provider.client.post(`/api/v1/orders/${mine}/messages`, { body: "the provider's answer" })).status).toBe(201);
    const theirs = await workOrder(strangerProvider, strangerCustomer);
    expect((await strangerCustomer.client.post(`/api/v1/orders/${theirs}/messages`, { body: "a stranger's secret" })).status).toBe(201);

    const exported = await customer.client.get("/api/v1/me/export");
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toContain("attachment");
    const data = exported.json;
    expect(data.user).toMatchObject({ id: customer.user.id, phone: customer.phone, name: "Export Person", email: "export@example.test" });
    expect(data.orders.map((order: { id: string }) => order.id)).toEqual([mine]);
    expect(data.orders[0].messages.map((m: { body: string; fromMe: boolean }) => [m.body, m.fromMe])).toEqual([
      ["my own question", true],
      ["the provider's answer", false],
    ]);
    expect(data.movements.map((m: { kind: string; amountMinor: number }) => [m.kind, m.amountMinor])).toEqual([
      ["top_up", 20_000],
      ["work_escrow", -20_000],
    ]);
    const text = exported.text;
    for (const foreign of [theirs, "a stranger's secret", strangerCustomer.phone, strangerProvider.phone, strangerCustomer.user.id]) {
      expect(text).not.toContain(foreign);
    }
    expect((await server.client().get("/api/v1/me/export")).status).toBe(401);
  });

  it("refuses deletion while money is held, owed or on the balance, then erases the person and keeps the ledger", async () => {
    const provider = await registerUser(server);
    const customer = await registerUser(server);
    const admin = await registerUser(server);
    await makeAdmin(server, admin.user.id);
    await customer.client.patch("/api/v1/me", { name: "To Be Forgotten", email: "forget@example.test" });
    const order = await workOrder(provider, customer);

    const reason = async () => {
      const answer = await customer.client.request("DELETE", "/api/v1/me");
      expect(answer.status).toBe(409);
      return answer.json.error.details.reason as string;
    };
    expect(await reason()).toBe("money_held");
    expect(await (async () => {
      const answer = await provider.client.request("DELETE", "/api/v1/me");
      return answer.json.error.details.reason;
    })()).toBe("money_held");
    expect((await provider.client.post(`/api/v1/orders/${order}/refuse`)).status).toBe(200);
    expect(await reason()).toBe("balance_not_zero");
    const payout = await customer.client.post("/api/v1/wallet/payouts", { amountMinor: 20_000 });
    expect(payout.status).toBe(201);
    expect(await reason()).toBe("payout_pending");
    // Nothing changed by the refusals.
    expect((await customer.client.get("/api/v1/me")).json.user.name).toBe("To Be Forgotten");
    expect((await admin.client.post(`/api/v1/admin/payouts/${payout.json.payout.id}/paid`)).status).toBe(200);

    const deleted = await customer.client.request("DELETE", "/api/v1/me");
    expect(deleted.status).toBe(204);
    expect((await customer.client.get("/api/v1/me")).status).toBe(401);
    expect((await logIn(customer.phone, customer.password)).status).toBe(401);
    const [row] = await server.ctx.db.select().from(users).where(eq(users.id, customer.user.id));
    expect(row).toMatchObject({ phone: `deleted:${customer.user.id}`, name: "", email: null, passwordHash: null });
    expect(row!.deletedAt).not.toBeNull();
    expect(JSON.stringify(row)).not.toContain(customer.phone);
    expect(await server.ctx.db.select().from(authSessions).where(eq(authSessions.userId, customer.user.id))).toEqual([]);
    expect(await server.ctx.db.select().from(notifications).where(eq(notifications.userId, customer.user.id))).toEqual([]);
    // The other party's order stays, the ledger still sums to zero.
    expect((await provider.client.get(`/api/v1/orders/${order}`)).status).toBe(200);
    expect(await verifyLedger(server.ctx.db)).toMatchObject({ ok: true, accountsSumMinor: 0 });
    // The phone is free for a new account.
    expect((await registerUser(server, { phone: customer.phone })).user.id).not.toBe(customer.user.id);
  });

  it("opens a support ticket to the moderators with its own correspondence", async () => {
    const person = await registerUser(server);
    const moderator = await registerUser(server);
    const stranger = await registerUser(server);
    await makeAdmin(server, moderator.user.id);
    const opened = await person.client.post("/api/v1/support/tickets", { subject: "Cannot withdraw", body: "The payout form says no." });
    expect(opened.status).toBe(201);
    const id = opened.json.ticket.id as string;
    expect((await person.client.post("/api/v1/support/tickets", { subject: "", body: "x" })).status).toBe(400);
    expect((await person.client.get("/api/v1/support/tickets")).json.items.map((t: { id: string }) => t.id)).toEqual([id]);
    expect((await person.client.get("/api/v1/moderation/support-tickets")).status).toBe(403);
    const queue = await moderator.client.get("/api/v1/moderation/support-tickets");
    expect(queue.json.items.map((t: { id: string }) => t.id)).toContain(id);
    const bell = await moderator.client.get("/api/v1/notifications");
    expect(bell.json.items.find((n: { kind: string }) => n.kind === "support_ticket_opened")).toMatchObject({ link: "/moderation#support" });

    expect((await stranger.client.get(`/api/v1/support/tickets/${id}/messages`)).status).toBe(404);
    expect((await stranger.client.post(`/api/v1/support/tickets/${id}/messages`, { body: "me too" })).status).toBe(404);
    expect((await moderator.client.post(`/api/v1/support/tickets/${id}/messages`, { body: "Fixed, try again." })).status).toBe(201);
    expect((await person.client.post(`/api/v1/support/tickets/${id}/messages`, { body: "Works, thanks." })).status).toBe(201);
    const thread = await person.client.get(`/api/v1/support/tickets/${id}/messages`);
    expect(thread.json.items.map((m: { body: string; fromSupport: boolean }) => [m.body, m.fromSupport])).toEqual([
      ["The payout form says no.", false],
      ["Fixed, try again.", true],
      ["Works, thanks.", false],
    ]);
    const told = (await person.client.get("/api/v1/notifications")).json.items;
    expect(told.map((n: { kind: string; link: string }) => [n.kind, n.link])).toEqual([["support_reply", `/disputes#support-${id}`]]);
    expect((await person.client.post(`/api/v1/support/tickets/${id}/close`)).status).toBe(200);
    expect((await moderator.client.post(`/api/v1/support/tickets/${id}/messages`, { body: "late" })).status).toBe(409);
  });
});
