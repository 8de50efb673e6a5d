import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAttachmentLink } from "../../server/domain/conversations/attachment-links.ts";
import { cookieOf, createSocketPool, nextEvent, publishConsultation } from "../fixtures/live-fixtures.ts";
import { publishWork } from "../fixtures/people-fixtures.ts";
import { registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

let server: TestServer;
const pool = createSocketPool();
beforeAll(async () => {
  server = await startTestServer({}, { rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } });
});
afterAll(async () => {
  pool.closeAll();
  await server?.stop();
});

type Party = Awaited<ReturnType<typeof registerUser>>;
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

async function sendFile(from: Party, toUserId: string, file: { name: string; type: string; bytes: Uint8Array }, body = "") {
  const form = new FormData();
  form.set("body", body);
  form.set("file", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type }));
  const response = await fetch(`${server.url}/api/v1/conversations/${toUserId}/messages`, { method: "POST", headers: { cookie: cookieOf(from.client) }, body: form });
  return { status: response.status, json: (await response.json()) as any };
}

async function pairWithOrder() {
  const provider = await registerUser(server);
  const customer = await registerUser(server);
  await provider.client.patch("/api/v1/me", { name: "Vera" });
  await customer.client.patch("/api/v1/me", { name: "Ivan" });
  const tweep = await publishWork(server, provider.user.id);
  await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 20_000 });
  expect((await customer.client.post("/api/v1/orders", { tweepId: tweep.id })).status).toBe(201);
  return { provider, customer };
}

describe("direct messages", () => {
  it("only between people who share an order; live, with read receipts and unread counts", async () => {
    const { provider, customer } = await pairWithOrder();
    const stranger = await registerUser(server);
    expect((await stranger.client.get(`/api/v1/conversations/${provider.user.id}/messages`)).status).toBe(404);
    expect((await stranger.client.post(`/api/v1/conversations/${provider.user.id}/messages`, { body: "hi" })).status).toBe(404);
    expect((await provider.client.post(`/api/v1/conversations/${stranger.user.id}/messages`, { body: "hi" })).status).toBe(404);
    expect((await customer.client.post(`/api/v1/conversations/${customer.user.id}/messages`, { body: "me" })).status).toBe(404);
    expect((await customer.client.post(`/api/v1/conversations/00000000-0000-4000-8000-000000000000/messages`, { body: "x" })).status).toBe(404);
    expect((await customer.client.post(`/api/v1/conversations/${provider.user.id}/messages`, { body: "   " })).status).toBe(400);

    const providerSocket = await pool.connect(server.url, provider.client);
    const customerSocket = await pool.connect(server.url, customer.client);
    const arrived = nextEvent(providerSocket, "conversation:message");
    const bell = nextEvent(providerSocket, "notification:new");
    const sent = await customer.client.post(`/api/v1/conversations/${provider.user.id}/messages`, { body: "Hello, Vera" });
    expect(sent.status).toBe(201);
    expect((await arrived).message).toMatchObject({ id: sent.json.message.id, body: "Hello, Vera", readAt: null });
    expect((await arrived).withUserId).toBe(customer.user.id);
    expect((await bell).notification).toMatchObject({ kind: "message_received", link: `/messages/${customer.user.id}`, title: "Новое сообщение от Ivan" });
    await customer.client.post(`/api/v1/conversations/${provider.user.id}/messages`, { body: "Are you there?" });

    const before = await provider.client.get("/api/v1/conversations");
    expect(before.json.unreadCount).toBe(2);
    expect(before.json.items[0]).toMatchObject({ withUser: { id: customer.user.id, name: "Ivan" }, unreadCount: 2, lastMessage: { body: "Are you there?" } });
    expect((await customer.client.get("/api/v1/conversations")).json.unreadCount).toBe(0);

    const receipt = nextEvent(customerSocket, "conversation:read");
    const read = await provider.client.get(`/api/v1/conversations/${customer.user.id}/messages`);
    expect(read.json.items.map((m: { body: string }) => m.body)).toEqual(["Hello, Vera", "Are you there?"]);
    expect((await receipt).withUserId).toBe(provider.user.id);
    expect((await provider.client.get("/api/v1/conversations")).json.unreadCount).toBe(0);
    const seen = await customer.client.get(`/api/v1/conversations/${provider.user.id}/messages`);
    expect(seen.json.items.every((m: { readAt: string | null }) => m.readAt !== null)).toBe(true);
    // The provider answers: one conversation per pair, whoever starts it.
    await provider.client.post(`/api/v1/conversations/${customer.user.id}/messages`, { body: "Yes" });
    expect((await customer.client.get("/api/v1/conversations")).json.items).toHaveLength(1);
    expect((await customer.client.get("/api/v1/conversations")).json.unreadCount).toBe(1);
  });

  it("attachments follow the files rules and open through 5-minute links made for one of the two", async () => {
    const { provider, customer } = await pairWithOrder();
    const stranger = await registerUser(server);
    expect((await sendFile(customer, provider.user.id, { name: "fake.pdf", type: "application/pdf", bytes: new TextEncoder().encode("MZ not a pdf") })).status).toBe(415);
    expect((await sendFile(customer, provider.user.id, { name: "tool.exe", type: "application/pdf", bytes: PDF })).status).toBe(415);
    const sent = await sendFile(customer, provider.user.id, { name: "brief.pdf", type: "application/pdf", bytes: PDF }, "The brief");
    expect(sent.status).toBe(201);
    expect(sent.json.message).toMatchObject({ body: "The brief", attachment: { fileName: "brief.pdf", contentType: "application/pdf", sizeBytes: PDF.byteLength } });
    const messageId = sent.json.message.id as string;

    const link = await provider.client.post(`/api/v1/conversations/${customer.user.id}/messages/${messageId}/link`);
    expect(link.status).toBe(200);
    expect(Date.parse(link.json.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    const opened = await fetch(`${server.url}${link.json.url}`, { headers: { cookie: cookieOf(provider.client) } });
    expect(opened.status).toBe(200);
    expect(new Uint8Array(await opened.arrayBuffer())).toEqual(PDF);
    expect(opened.headers.get("content-disposition")).toContain("brief.pdf");
    // The link is the provider's: nobody else can use it, and a stranger gets no link at all.
    expect((await customer.client.get(link.json.url)).status).toBe(403);
    expect((await stranger.client.get(link.json.url)).status).toBe(403);
    expect((await stranger.client.post(`/api/v1/conversations/${customer.user.id}/messages/${messageId}/link`)).status).toBe(404);
    expect((await server.client().get(link.json.url)).status).toBe(401);
    // A link made six minutes ago has expired.
    const old = await createAttachmentLink({ ...server.ctx, now: () => new Date(Date.now() - 6 * 60_000) }, { messageId, userId: provider.user.id });
    const expired = await provider.client.get(old.url);
    expect(expired.status).toBe(410);
    expect(expired.json.error.code).toBe("link_expired");
    expect((await provider.client.get(`${link.json.url}x`)).status).toBe(403);
  });
});

describe("invitations", () => {
  it("a visitor who signs up through a provider's link has the provider in My providers and may write to them", async () => {
    const provider = await registerUser(server);
    await provider.client.patch("/api/v1/me", { name: "Anna" });
    const invitation = await provider.client.get("/api/v1/me/invitation");
    expect(invitation.status).toBe(200);
    expect(invitation.json.url).toBe(`${server.url}/i/${invitation.json.code}`);
    expect((await provider.client.get("/api/v1/me/invitation")).json.code).toBe(invitation.json.code);
    const qr = await provider.client.get("/api/v1/me/invitation/qr.svg");
    expect(qr.status).toBe(200);
    expect(qr.headers.get("content-type")).toContain("image/svg+xml");
    expect(qr.text).toContain("<svg");

    const visitor = await registerUser(server);
    expect((await visitor.client.post(`/api/v1/conversations/${provider.user.id}/messages`, { body: "hi" })).status).toBe(404);
    expect((await server.client().get(`/api/v1/invitations/${invitation.json.code}`)).json.provider).toEqual({ id: provider.user.id, name: "Anna" });
    expect((await server.client().get("/api/v1/invitations/nosuchcode1")).status).toBe(404);
    expect((await visitor.client.get("/api/v1/me/providers")).json.items).toEqual([]);
    expect((await visitor.client.post(`/api/v1/invitations/${invitation.json.code}/accept`)).status).toBe(200);
    expect((await visitor.client.post(`/api/v1/invitations/${invitation.json.code}/accept`)).status).toBe(200);
    const mine = await visitor.client.get("/api/v1/me/providers");
    expect(mine.json.items).toEqual([
      expect.objectContaining({ id: provider.user.id, name: "Anna", invited: true, orders: 0, chatPath: `/messages/${provider.user.id}`, live: expect.objectContaining({ userId: provider.user.id }) }),
    ]);
    expect((await visitor.client.post(`/api/v1/conversations/${provider.user.id}/messages`, { body: "hi" })).status).toBe(201);
    expect((await provider.client.post(`/api/v1/invitations/${invitation.json.code}/accept`)).json.error.details.reason).toBe("own_invitation");
    expect((await provider.client.get("/api/v1/me/providers")).json.items).toEqual([]);
  });
});

describe("appointments relate a pair too", () => {
  it("a booking alone, even one the provider rejected, lets the two write to each other and puts the provider in My providers", async () => {
    const provider = await registerUser(server);
    const customer = await registerUser(server);
    const stranger = await registerUser(server);
    await provider.client.patch("/api/v1/me", { name: "Mila" });
    const hours = Array.from({ length: 168 }, (_, index) => index);
    expect((await provider.client.request("PUT", "/api/v1/me/availability", { timeZone: "UTC", hours })).status).toBe(200);
    const tweep = await publishConsultation(server, provider.user.id, { textPriceMinor: 5_000n });
    await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 5_000 });
    expect((await customer.client.post(`/api/v1/conversations/${provider.user.id}/messages`, { body: "before booking" })).status).toBe(404);
    expect((await customer.client.get("/api/v1/me/providers")).json.items).toEqual([]);

    const startsAt = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 2 * 86_400_000);
    const booked = await customer.client.post("/api/v1/appointments", { tweepId: tweep.id, medium: "text", startsAt: startsAt.toISOString(), blocks: 1 });
    expect(booked.status, booked.text).toBe(201);
    expect((await provider.client.post(`/api/v1/appointments/${booked.json.appointment.id}/reject`, { reason: "Fully booked" })).status).toBe(200);

    // No order exists between them: the appointment is what relates them.
    expect((await customer.client.get("/api/v1/orders")).json.items).toEqual([]);
    expect((await customer.client.post(`/api/v1/conversations/${provider.user.id}/messages`, { body: "Another week?" })).status).toBe(201);
    expect((await provider.client.post(`/api/v1/conversations/${customer.user.id}/messages`, { body: "Yes, next Monday" })).status).toBe(201);
    expect((await stranger.client.post(`/api/v1/conversations/${provider.user.id}/messages`, { body: "hi" })).status).toBe(404);
    expect((await customer.client.get("/api/v1/me/providers")).json.items).toEqual([
      expect.objectContaining({ id: provider.user.id, name: "Mila", orders: 0, appointments: 1, invited: false, chatPath: `/messages/${provider.user.id}` }),
    ]);
    expect((await provider.client.get("/api/v1/me/providers")).json.items).toEqual([]);
  });
});
