import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments, authSessions, consultationSessions, notifications, sharedDocuments, users } from "../../db/schema.ts";
import { clearPendingEarnings } from "../../server/domain/earnings/clear-pending-earnings.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { cookieOf, publishConsultation } from "../fixtures/live-fixtures.ts";
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

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

async function uploadDocument(from: Party, toUserId: string) {
  const form = new FormData();
  form.set("file", new File([PDF as Uint8Array<ArrayBuffer>], "passport.pdf", { type: "application/pdf" }));
  const response = await fetch(`${server.url}/api/v1/contacts/${toUserId}/documents`, { method: "POST", headers: { cookie: cookieOf(from.client) }, body: form });
  expect(response.status).toBe(201);
  return ((await response.json()) as { document: { id: string } }).document.id;
}

/** Whether the storage still has the bytes (reading a removed key fails). */
async function isStored(key: string) {
  try {
    for await (const chunk of await server.ctx.storage.read(key)) void chunk;
    return true;
  } catch {
    return false;
  }
}

async function deletionRefusal(party: Party) {
  const answer = await party.client.request("DELETE", "/api/v1/me");
  expect(answer.status, answer.text).toBe(409);
  return answer.json.error.details.reason as string;
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

  it("exports the user's appointments, consultation sessions, session reports, minute packages, shared documents and pending earnings", async () => {
    const provider = await registerUser(server);
    const customer = await registerUser(server);
    const strangerProvider = await registerUser(server);
    const strangerCustomer = await registerUser(server);
    const moderator = await registerUser(server);
    await makeAdmin(server, moderator.user.id);
    const hours = Array.from({ length: 168 }, (_, index) => index);
    const startsAt = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 2 * 86_400_000);

    /** An appointment, an ended text session reported by its customer, a package and a document, for one pair. */
    async function dealings(seller: Party, buyer: Party, words: string) {
      expect((await seller.client.request("PUT", "/api/v1/me/availability", { timeZone: "UTC", hours })).status).toBe(200);
      const tweep = await publishConsultation(server, seller.user.id, { textPriceMinor: 1_000n });
      await buyer.client.post("/api/v1/wallet/top-ups", { amountMinor: 10_000 });
      const booked = await buyer.client.post("/api/v1/appointments", { tweepId: tweep.id, medium: "text", startsAt: startsAt.toISOString(), blocks: 1 });
      expect(booked.status, booked.text).toBe(201);
      const order = await buyer.client.post("/api/v1/orders", { tweepId: tweep.id, medium: "text" });
      expect(order.status, order.text).toBe(201);
      const now = new Date();
      const [session] = await server.ctx.db
        .insert(consultationSessions)
        .values({ orderId: order.json.order.id, customerId: buyer.user.id, providerId: seller.user.id, medium: "text", status: "ended", blockPriceMinor: 1_000n, ringExpiresAt: now, endedAt: now })
        .returning();
      const reported = await buyer.client.post(`/api/v1/sessions/${session!.id}/reports`, { reason: "other", text: words });
      expect(reported.status, reported.text).toBe(201);
      const offered = await seller.client.post(`/api/v1/tweeps/${tweep.id}/packages`, { minutes: 10, priceMinor: 3_000, validityDays: 30 });
      expect((await moderator.client.post(`/api/v1/moderation/packages/${offered.json.package.id}`, { decision: "approve" })).status).toBe(200);
      expect((await buyer.client.post(`/api/v1/orders/${order.json.order.id}/packages`, { packageId: offered.json.package.id, autoRenew: false })).status).toBe(201);
      const document = await uploadDocument(buyer, seller.user.id);
      return { appointmentId: booked.json.appointment.id as string, sessionId: session!.id, orderId: order.json.order.id as string, document };
    }
    const mine = await dealings(provider, customer, "my own complaint");
    const theirs = await dealings(strangerProvider, strangerCustomer, "a stranger's complaint");
    // Earnings of accepted work are pending first (SPEC 17): the provider's movements show them.
    const work = await workOrder(provider, customer);
    await provider.client.post(`/api/v1/orders/${work}/deliver`);
    await customer.client.post(`/api/v1/orders/${work}/accept`);

    const asCustomer = (await customer.client.get("/api/v1/me/export")).json;
    expect(asCustomer.appointments).toEqual([expect.objectContaining({ id: mine.appointmentId, role: "customer", withUserId: provider.user.id, status: "pending", priceMinor: 1_000 })]);
    expect(asCustomer.consultationSessions).toEqual([expect.objectContaining({ id: mine.sessionId, orderId: mine.orderId, role: "customer", status: "ended" })]);
    expect(asCustomer.sessionReports).toEqual([expect.objectContaining({ sessionId: mine.sessionId, role: "customer", reason: "other", text: "my own complaint", status: "open" })]);
    expect(asCustomer.minutePackages).toEqual([expect.objectContaining({ orderId: mine.orderId, role: "customer", minutes: 10, priceMinor: 3_000, status: "active" })]);
    expect(asCustomer.sharedDocuments).toEqual([
      expect.objectContaining({ id: mine.document, withUserId: provider.user.id, uploadedByMe: true, fileName: "passport.pdf", contentType: "application/pdf", sizeBytes: PDF.byteLength }),
    ]);

    const asProvider = await provider.client.get("/api/v1/me/export");
    const data = asProvider.json;
    expect(data.appointments.map((row: { role: string }) => row.role)).toEqual(["provider"]);
    expect(data.sessionReports).toEqual([expect.objectContaining({ sessionId: mine.sessionId, role: "provider", text: "my own complaint" })]);
    expect(data.minutePackages.map((row: { role: string }) => row.role)).toEqual(["provider"]);
    expect(data.sharedDocuments).toEqual([expect.objectContaining({ id: mine.document, uploadedByMe: false })]);
    expect(data.movements.map((m: { account: string; kind: string }) => [m.account, m.kind])).toEqual([["pending", "work_accepted"]]);
    expect(data.movements[0].amountMinor).toBeGreaterThan(0);
    for (const foreign of [theirs.appointmentId, theirs.sessionId, theirs.orderId, theirs.document, "a stranger's complaint", strangerCustomer.user.id, strangerProvider.user.id]) {
      expect(asProvider.text).not.toContain(foreign);
    }
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

  it("refuses deletion while an appointment's or a minute package's hold has money, or earnings have not cleared", async () => {
    // An appointment booked and not yet decided: its price sits in the appointment's hold.
    const provider = await registerUser(server);
    const customer = await registerUser(server);
    const grid = Array.from({ length: 168 }, (_, index) => index);
    expect((await provider.client.request("PUT", "/api/v1/me/availability", { timeZone: "UTC", hours: grid })).status).toBe(200);
    const consultation = await publishConsultation(server, provider.user.id, { textPriceMinor: 10_000n });
    await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 10_000 });
    const startsAt = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 2 * 86_400_000);
    const booked = await customer.client.post("/api/v1/appointments", { tweepId: consultation.id, medium: "text", startsAt: startsAt.toISOString(), blocks: 1 });
    expect(booked.status, booked.text).toBe(201);
    expect((await customer.client.get("/api/v1/wallet")).json.balanceMinor).toBe(0);
    expect(await deletionRefusal(customer)).toBe("money_held");
    expect(await deletionRefusal(provider)).toBe("money_held");
    // Rejected: the money is back on the customer's balance, and the hold is empty.
    const rejected = await provider.client.post(`/api/v1/appointments/${booked.json.appointment.id}/reject`, { reason: "Away that week" });
    expect(rejected.status, rejected.text).toBe(200);
    expect(await deletionRefusal(customer)).toBe("balance_not_zero");

    // A booked appointment is open even without money in a hold (the checks do not lean on each other).
    const other = await registerUser(server);
    await server.ctx.db.insert(appointments).values({
      id: crypto.randomUUID(),
      tweepId: consultation.id,
      customerId: other.user.id,
      providerId: provider.user.id,
      medium: "text",
      status: "accepted",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 15 * 60_000),
      blocks: 1,
      blockPriceMinor: 10_000n,
      priceMinor: 10_000n,
      title: { en: "Consultation" },
      decideBy: startsAt,
    });
    expect(await deletionRefusal(other)).toBe("open_appointments");

    // A minute package bought on an order that is closed since: its hold still has the money.
    const seller = await registerUser(server);
    const buyer = await registerUser(server);
    const moderator = await registerUser(server);
    await makeAdmin(server, moderator.user.id);
    const tweep = await publishConsultation(server, seller.user.id, { textPriceMinor: 1_000n });
    const offered = await seller.client.post(`/api/v1/tweeps/${tweep.id}/packages`, { minutes: 10, priceMinor: 3_000, validityDays: 30 });
    expect(offered.status, offered.text).toBe(201);
    expect((await moderator.client.post(`/api/v1/moderation/packages/${offered.json.package.id}`, { decision: "approve" })).status).toBe(200);
    await buyer.client.post("/api/v1/wallet/top-ups", { amountMinor: 4_000 });
    const order = await buyer.client.post("/api/v1/orders", { tweepId: tweep.id, medium: "text" });
    expect(order.status, order.text).toBe(201);
    const bought = await buyer.client.post(`/api/v1/orders/${order.json.order.id}/packages`, { packageId: offered.json.package.id, autoRenew: false });
    expect(bought.status, bought.text).toBe(201);
    expect((await buyer.client.post(`/api/v1/orders/${order.json.order.id}/close`)).status).toBe(200);
    // The seller has no order open, no balance, nothing pending: only the package's hold stops it.
    expect(await deletionRefusal(seller)).toBe("money_held");
    expect(await deletionRefusal(buyer)).toBe("money_held");

    // Earnings not yet cleared are owed to the provider: refused until they clear and are withdrawn.
    const earner = await registerUser(server);
    const client = await registerUser(server);
    const work = await workOrder(earner, client);
    expect((await earner.client.post(`/api/v1/orders/${work}/deliver`)).status).toBe(200);
    expect((await client.client.post(`/api/v1/orders/${work}/accept`)).status).toBe(200);
    expect(await deletionRefusal(earner)).toBe("earnings_pending");
    await clearPendingEarnings(server.ctx, new Date(Date.now() + 73 * 3_600_000));
    expect(await deletionRefusal(earner)).toBe("balance_not_zero");
    expect((await client.client.request("DELETE", "/api/v1/me")).status).toBe(204);
  });

  it("erases the shared documents the deleted person uploaded, and keeps the other person's", async () => {
    const provider = await registerUser(server);
    const customer = await registerUser(server);
    const order = await workOrder(provider, customer);
    const theirs = await uploadDocument(customer, provider.user.id);
    const mine = await uploadDocument(provider, customer.user.id);
    expect((await provider.client.post(`/api/v1/orders/${order}/refuse`)).status).toBe(200);
    const payout = await customer.client.post("/api/v1/wallet/payouts", { amountMinor: 20_000 });
    const admin = await registerUser(server);
    await makeAdmin(server, admin.user.id);
    expect((await admin.client.post(`/api/v1/admin/payouts/${payout.json.payout.id}/paid`)).status).toBe(200);
    const [stored] = await server.ctx.db.select().from(sharedDocuments).where(eq(sharedDocuments.id, theirs));
    expect(await isStored(stored!.storageKey)).toBe(true);

    expect((await customer.client.request("DELETE", "/api/v1/me")).status).toBe(204);
    const [erased] = await server.ctx.db.select().from(sharedDocuments).where(eq(sharedDocuments.id, theirs));
    expect(erased!.deletedAt).not.toBeNull();
    expect(await isStored(stored!.storageKey)).toBe(false);
    const [kept] = await server.ctx.db.select().from(sharedDocuments).where(eq(sharedDocuments.id, mine));
    expect(kept!.deletedAt).toBeNull();
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
