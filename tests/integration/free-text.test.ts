import { sql } from "drizzle-orm";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disputes, orders, tweeps } from "../../db/schema.ts";
import { makeAdmin, randomPhone, readSmsCode, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// Every free-text field of the API and the socket, through one table: a NUL byte (and any
// other control character) is refused at validation with 400 and nothing is stored.

let server: TestServer;
let provider: Awaited<ReturnType<typeof registerUser>>;
let customer: Awaited<ReturnType<typeof registerUser>>;
let moderator: Awaited<ReturnType<typeof registerUser>>;
let orderId: string;
let disputeId: string;
let pendingTweepId: string;
let socket: Socket;

beforeAll(async () => {
  server = await startTestServer({}, { rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } });
  [provider, customer, moderator] = await Promise.all([registerUser(server), registerUser(server), registerUser(server)]);
  await makeAdmin(server, moderator.user.id);
  const [tweep] = await server.ctx.db
    .insert(tweeps)
    .values({
      providerId: provider.user.id,
      type: "work",
      status: "published",
      languages: ["ru"],
      title: { ru: "Тест" },
      description: { ru: "Тест" },
      category: "other",
      priceMinor: 10_000n,
      publishedAt: new Date(),
    })
    .returning();
  await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 100_000 });
  orderId = (await customer.client.post("/api/v1/orders", { tweepId: tweep!.id })).json.order.id;
  disputeId = (await customer.client.post(`/api/v1/orders/${orderId}/disputes`, { reason: "Late" })).json.dispute.id;
  const draft = await provider.client.post("/api/v1/tweeps", {
    type: "work",
    languages: ["ru"],
    title: { ru: "Черновик" },
    description: { ru: "Описание" },
    category: "other",
    priceMinor: 10_000,
  });
  pendingTweepId = draft.json.tweep.id;
  expect((await provider.client.post(`/api/v1/tweeps/${pendingTweepId}/submit`)).status).toBe(200);

  const cookie = [...customer.client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  socket = io(server.url, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
});
afterAll(async () => {
  socket?.close();
  await server?.stop();
});

/** Everything a refused request could have written. */
async function snapshot() {
  const { rows } = (await server.ctx.db.execute(sql`
    SELECT (SELECT count(*) FROM users)::int AS users,
           (SELECT string_agg(name || '|' || coalesce(availability_time_zone, ''), ',' ORDER BY id) FROM users) AS profiles,
           (SELECT count(*) FROM phone_codes)::int AS codes,
           (SELECT count(*) FROM tweeps)::int AS tweeps,
           (SELECT count(*) FROM tweep_revisions)::int AS revisions,
           (SELECT string_agg(status::text, ',' ORDER BY id) FROM tweeps) AS tweep_statuses,
           (SELECT count(*) FROM order_messages)::int AS order_messages,
           (SELECT count(*) FROM reviews)::int AS reviews,
           (SELECT count(*) FROM disputes)::int AS disputes,
           (SELECT string_agg(status::text, ',' ORDER BY id) FROM disputes) AS dispute_statuses,
           (SELECT count(*) FROM dispute_messages)::int AS dispute_messages,
           (SELECT count(*) FROM direct_messages)::int AS direct_messages,
           (SELECT count(*) FROM moderation_decisions)::int AS decisions`)) as unknown as { rows: Record<string, unknown>[] };
  return rows[0];
}

type Reply = { status: number; code: string | undefined; message: string | undefined };
const http = async (response: Promise<{ status: number; json: any }>): Promise<Reply> => {
  const { status, json } = await response;
  return { status, code: json?.error?.code, message: json?.error?.message };
};
const viaSocket = (event: string, payload: object) =>
  new Promise<Reply>((resolve) =>
    socket.emit(event, payload, (ack: any) => resolve({ status: ack.error ? 400 : 200, code: ack.error?.code, message: ack.error?.message })),
  );

/** A direct message sent as multipart (text and a file), the way a page attaches one. */
const viaMultipart = async (path: string, from: Awaited<ReturnType<typeof registerUser>>, body: string): Promise<Reply> => {
  const form = new FormData();
  form.set("body", body);
  form.set("file", new File([new TextEncoder().encode("plain text")], "note.txt", { type: "text/plain" }));
  const cookie = [...from.client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await fetch(`${server.url}${path}`, { method: "POST", headers: { cookie }, body: form });
  const json = (await response.json()) as any;
  return { status: response.status, code: json?.error?.code, message: json?.error?.message };
};

const fields: { field: string; prepare?: () => Promise<unknown>; send: (text: string, prepared: any) => Promise<Reply> }[] = [
  { field: "profile name", send: (t) => http(customer.client.patch("/api/v1/me", { name: `Ann${t}` })) },
  { field: "profile time zone", send: (t) => http(customer.client.patch("/api/v1/me", { timeZone: `Europe/Moscow${t}` })) },
  { field: "availability time zone", send: (t) => http(provider.client.request("PUT", "/api/v1/me/availability", { timeZone: `UTC${t}`, hours: [9] })) },
  {
    field: "tweep title",
    send: (t) =>
      http(provider.client.post("/api/v1/tweeps", { type: "work", languages: ["ru"], title: { ru: `T${t}` }, description: { ru: "d" }, category: "other", priceMinor: 100 })),
  },
  {
    field: "tweep description",
    send: (t) =>
      http(provider.client.post("/api/v1/tweeps", { type: "work", languages: ["en"], title: { en: "T" }, description: { en: `D${t}` }, category: "other", priceMinor: 100 })),
  },
  {
    field: "tweep link",
    send: (t) =>
      http(
        provider.client.post("/api/v1/tweeps", {
          type: "files", languages: ["en"], title: { en: "T" }, description: { en: "D" }, category: "other", priceMinor: 100, links: [`https://example.com/${t}`],
        }),
      ),
  },
  { field: "tweep edit title", send: (t) => http(provider.client.patch(`/api/v1/tweeps/${pendingTweepId}`, { title: { ru: `T${t}` } })) },
  { field: "order message", send: (t) => http(customer.client.post(`/api/v1/orders/${orderId}/messages`, { body: `Hi${t}` })) },
  { field: "review", send: (t) => http(customer.client.post(`/api/v1/orders/${orderId}/review`, { rating: 5, body: `Good${t}` })) },
  { field: "dispute reason", send: (t) => http(provider.client.post(`/api/v1/orders/${orderId}/disputes`, { reason: `Why${t}` })) },
  { field: "dispute message", send: (t) => http(customer.client.post(`/api/v1/disputes/${disputeId}/messages`, { body: `See${t}` })) },
  {
    field: "dispute resolve reason",
    send: (t) => http(moderator.client.post(`/api/v1/moderation/disputes/${disputeId}/resolve`, { toProviderMinor: 0, toCustomerMinor: 10_000, reason: `Refund${t}` })),
  },
  { field: "moderation reject reason", send: (t) => http(moderator.client.post(`/api/v1/moderation/tweeps/${pendingTweepId}/reject`, { reason: `No${t}` })) },
  { field: "catalog search", send: (t) => http(customer.client.get(`/api/v1/tweeps?q=${encodeURIComponent(`guide${t}`)}`)) },
  { field: "catalog region", send: (t) => http(customer.client.get(`/api/v1/tweeps?region=${encodeURIComponent(`Moscow${t}`)}`)) },
  { field: "slots time zone", send: (t) => http(customer.client.get(`/api/v1/providers/${provider.user.id}/slots?tz=${encodeURIComponent(`UTC${t}`)}`)) },
  { field: "consultations period", send: (t) => http(customer.client.get(`/api/v1/me/consultations?from=${encodeURIComponent(`2026-01-01${t}`)}`)) },
  { field: "direct message", send: (t) => http(customer.client.post(`/api/v1/conversations/${provider.user.id}/messages`, { body: `Hi${t}` })) },
  { field: "direct message with a file", send: (t) => viaMultipart(`/api/v1/conversations/${provider.user.id}/messages`, customer, `Hi${t}`) },
  { field: "register phone", send: (t) => http(server.client().post("/api/v1/auth/register", { phone: `${randomPhone()}${t}` })) },
  {
    field: "new password",
    prepare: async () => {
      const client = server.client();
      const phone = randomPhone();
      await client.post("/api/v1/auth/register", { phone });
      return { client, phone, code: await readSmsCode(server, phone) };
    },
    send: (t, { client, phone, code }) => http(client.post("/api/v1/auth/verify", { phone, code, password: `long enough pass${t}` })),
  },
  { field: "login password", send: (t) => http(server.client().post("/api/v1/auth/login", { phone: customer.phone, password: `${customer.password}${t}` })) },
  { field: "socket chat:send", send: (t) => viaSocket("chat:send", { orderId, body: `Hello${t}` }) },
];

describe("free text with control characters", () => {
  for (const bad of ["\u0000", "\u0007", "\u001b[31m", "\u007f"]) {
    it.each(fields)(`$field: ${JSON.stringify(bad)} is refused with 400 validation_failed and nothing is stored`, async ({ prepare, send }) => {
      const prepared = await prepare?.();
      const before = await snapshot();
      const reply = await send(bad, prepared);
      expect(reply.status).toBe(400);
      expect(reply.code).toBe("validation_failed");
      expect(reply.message).toMatch(/control characters/);
      expect(await snapshot()).toEqual(before);
    });
  }

  // The table above names the fields one by one; this finds every string a client may send
  // in a JSON body or a query, as the OpenAPI document declares it, so a field added later
  // without the check is caught here. The check shows in the document as the string's
  // `pattern`; strings with a format (uuid, date-time), an enum or a constant are not free.
  it("every string of every JSON body and query in the API carries the check", async () => {
    const doc = (await server.client().get("/api/v1/openapi.json")).json;
    const unchecked: string[] = [];
    const walk = (schema: any, at: string, seen: Set<unknown>) => {
      if (!schema || typeof schema !== "object" || seen.has(schema)) return;
      seen.add(schema);
      if (schema.$ref) return walk(doc.components.schemas[String(schema.$ref).split("/").pop()!], at, seen);
      for (const key of ["anyOf", "oneOf", "allOf"]) for (const part of schema[key] ?? []) walk(part, at, seen);
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (types.includes("string") && !schema.pattern && !schema.format && !schema.enum && schema.const === undefined) unchecked.push(at);
      for (const [name, property] of Object.entries(schema.properties ?? {})) walk(property, `${at}.${name}`, seen);
      walk(schema.items, `${at}[]`, seen);
      walk(schema.additionalProperties, `${at}{}`, seen);
    };
    for (const [route, item] of Object.entries<any>(doc.paths)) {
      for (const [method, operation] of Object.entries<any>(item)) {
        const name = `${method.toUpperCase()} ${route}`;
        for (const [type, content] of Object.entries<any>(operation.requestBody?.content ?? {})) {
          if (type === "application/json" || type === "multipart/form-data") walk(content.schema, `${name} body`, new Set());
        }
        for (const parameter of operation.parameters ?? []) if (parameter.in === "query") walk(parameter.schema, `${name} ?${parameter.name}`, new Set());
      }
    }
    expect(JSON.stringify(doc).split('"pattern"').length - 1).toBeGreaterThan(20);
    expect(unchecked).toEqual([]);
  });

  it("keeps line breaks and tabs where text has several lines", async () => {
    const sent = await customer.client.post(`/api/v1/orders/${orderId}/messages`, { body: "Line one\r\n\tLine two" });
    expect(sent.status).toBe(201);
    expect(sent.json.message.body).toBe("Line one\r\n\tLine two");
    const chat = await viaSocket("chat:send", { orderId, body: "First\nSecond" });
    expect(chat.status).toBe(200);
    const title = await provider.client.patch(`/api/v1/tweeps/${pendingTweepId}`, { title: { ru: "Two\nlines" } });
    expect([title.status, title.json.error.code]).toEqual([400, "validation_failed"]);
    const [row] = await server.ctx.db.select().from(orders).where(sql`${orders.id} = ${orderId}`);
    expect(row!.status).toBeDefined();
    expect((await server.ctx.db.select().from(disputes)).map((d) => d.status)).toEqual(["open"]);
  });
});
