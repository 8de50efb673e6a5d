import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications, orders, tweeps } from "../../db/schema.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { autoAcceptOrders } from "../../server/domain/orders/auto-accept-orders.ts";
import { startSmtpSink } from "../fixtures/smtp-sink.ts";
import { makeAdmin, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

let server: TestServer;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startTestServer(
    { SMTP_URL: sink.url, MAIL_FROM: "Tweeps <robot@tweeps.test>" },
    { rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } },
  );
});
afterAll(async () => {
  expect(await verifyLedger(server.ctx.db)).toMatchObject({ ok: true, accountsSumMinor: 0 });
  await server?.stop();
  await sink?.close();
});

let counter = 0;
async function person(language: "ru" | "en", withEmail = true) {
  const party = await registerUser(server);
  const email = withEmail ? `person${++counter}-${party.user.id.slice(0, 8)}@example.test` : null;
  const patched = await party.client.patch("/api/v1/me", { email, language });
  expect(patched.status).toBe(200);
  return { ...party, email: email ?? "" };
}

async function workOrder(provider: Awaited<ReturnType<typeof person>>, customer: Awaited<ReturnType<typeof person>>) {
  const [tweep] = await server.ctx.db
    .insert(tweeps)
    .values({
      providerId: provider.user.id,
      type: "work",
      status: "published",
      languages: ["ru", "en"],
      title: { ru: "Логотип", en: "Logo" },
      description: { ru: "Логотип", en: "Logo" },
      category: "design",
      priceMinor: 20_000n,
      publishedAt: new Date(),
    })
    .returning();
  await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 100_000 });
  const placed = await customer.client.post("/api/v1/orders", { tweepId: tweep!.id });
  expect(placed.status).toBe(201);
  return placed.json.order.id as string;
}

const subjects = (address: string) => sink.to(address).map((mail) => mail.subject);

describe("e-mail through a real SMTP server", () => {
  it("tells each party about order changes in their own language", async () => {
    const provider = await person("ru");
    const customer = await person("en");
    const id = await workOrder(provider, customer);
    expect(subjects(provider.email)).toEqual(["Новый заказ: «Логотип»"]);
    const [first] = sink.to(provider.email);
    expect(first!.from).toBe("robot@tweeps.test");
    // PUBLIC_URL is unset here: the link is absolute on the server's own address.
    expect(server.ctx.config.publicUrl).toBeUndefined();
    expect(first!.text).toContain(`${server.url}/orders/${id}`);
    expect(first!.text).toMatch(/ http:\/\/127\.0\.0\.1:\d+\/orders\//);
    expect(subjects(customer.email)).toEqual([]);

    await provider.client.post(`/api/v1/orders/${id}/deliver`);
    await customer.client.post(`/api/v1/orders/${id}/return`);
    await provider.client.post(`/api/v1/orders/${id}/deliver`);
    await customer.client.post(`/api/v1/orders/${id}/accept`);
    expect(subjects(customer.email)).toEqual(['Work delivered: "Logo"', 'Work delivered: "Logo"']);
    expect(subjects(provider.email)).toEqual([
      "Новый заказ: «Логотип»",
      "Работа возвращена на доработку: «Логотип»",
      "Работа принята: «Логотип»",
    ]);
  });

  it("tells the customer about a refusal and both about an automatic acceptance", async () => {
    const provider = await person("en");
    const customer = await person("ru");
    const refused = await workOrder(provider, customer);
    await provider.client.post(`/api/v1/orders/${refused}/refuse`);
    expect(subjects(customer.email)).toEqual(["Исполнитель отказался от заказа: «Логотип»"]);

    const auto = await workOrder(provider, customer);
    await provider.client.post(`/api/v1/orders/${auto}/deliver`);
    await autoAcceptOrders(server.ctx, new Date(Date.now() + 73 * 3_600_000));
    expect(subjects(provider.email).at(-1)).toBe('Work accepted: "Logo"');
    expect(sink.to(provider.email).at(-1)!.text).toContain("accepted automatically");
    expect(subjects(customer.email).at(-1)).toBe("Работа принята: «Логотип»");
  });

  it("records an order's notification in the order's own transaction: no record, no change", async () => {
    const provider = await person("en");
    const customer = await person("en");
    const id = await workOrder(provider, customer);
    const statusOf = async () => (await server.ctx.db.select({ status: orders.status }).from(orders).where(eq(orders.id, id)))[0]!.status;
    const delivered = () =>
      server.ctx.db.select().from(notifications).where(and(eq(notifications.userId, customer.user.id), eq(notifications.kind, "order_delivered")));
    const before = await statusOf();
    // The database itself refuses this kind of record for a while (a real failure, no stub).
    await server.ctx.db.execute(
      sql.raw(`CREATE FUNCTION refuse_delivery_notes() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.kind = 'order_delivered' THEN RAISE EXCEPTION 'notifications are down'; END IF; RETURN NEW; END $$`),
    );
    await server.ctx.db.execute(sql.raw("CREATE TRIGGER refuse_delivery_notes BEFORE INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION refuse_delivery_notes()"));
    try {
      expect((await provider.client.post(`/api/v1/orders/${id}/deliver`)).status).toBe(500);
      expect(await statusOf()).toBe(before);
      expect(await delivered()).toEqual([]);
      expect(subjects(customer.email)).toEqual([]);
    } finally {
      await server.ctx.db.execute(sql.raw("DROP TRIGGER refuse_delivery_notes ON notifications"));
      await server.ctx.db.execute(sql.raw("DROP FUNCTION refuse_delivery_notes()"));
    }
    expect((await provider.client.post(`/api/v1/orders/${id}/deliver`)).status).toBe(200);
    expect(await statusOf()).toBe("delivered");
    expect(await delivered()).toHaveLength(1);
    expect(subjects(customer.email)).toEqual(['Work delivered: "Logo"']);
  });

  it("tells the other parties about a dispute and each message, never the author", async () => {
    const provider = await person("en");
    const customer = await person("ru");
    const moderator = await person("en");
    await makeAdmin(server, moderator.user.id);
    const id = await workOrder(provider, customer);
    const dispute = (await customer.client.post(`/api/v1/orders/${id}/disputes`, { reason: "Нет ответа" })).json.dispute.id;
    expect(subjects(provider.email).at(-1)).toBe('A dispute was opened on "Logo"');
    expect(sink.to(provider.email).at(-1)!.text).toContain("Нет ответа");
    expect(sink.to(provider.email).at(-1)!.text).toContain(`${server.url}/disputes`);
    const customerBefore = sink.to(customer.email).length;
    expect(subjects(customer.email).some((s) => s.includes("спор"))).toBe(false);

    await provider.client.post(`/api/v1/disputes/${dispute}/messages`, { body: "Working on it" });
    expect(sink.to(customer.email).length).toBe(customerBefore + 1);
    expect(subjects(customer.email).at(-1)).toBe("Новое сообщение в споре по заказу «Логотип»");
    expect(sink.to(customer.email).at(-1)!.text).toContain("Working on it");

    const providerBefore = sink.to(provider.email).length;
    await moderator.client.post(`/api/v1/disputes/${dispute}/messages`, { body: "Please share a draft" });
    expect(subjects(customer.email).at(-1)).toBe("Новое сообщение в споре по заказу «Логотип»");
    expect(subjects(provider.email).slice(providerBefore)).toEqual(['New message in the dispute on "Logo"']);
    expect(sink.to(moderator.email)).toEqual([]);
  });

  it("skips users without an e-mail address and never fails the request when SMTP is down", async () => {
    const provider = await person("ru", false);
    const customer = await person("en");
    const before = sink.received.length;
    const id = await workOrder(provider, customer);
    expect(sink.received.length).toBe(before);

    await sink.close();
    const delivered = await provider.client.post(`/api/v1/orders/${id}/deliver`);
    expect(delivered.status).toBe(200);
    expect(delivered.json.order.status).toBe("delivered");
  });
});
