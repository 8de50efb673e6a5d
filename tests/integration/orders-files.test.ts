import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedTweepRow } from "../../db/row-factory.ts";
import { tweepFiles, tweeps } from "../../db/schema.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { signDownloadToken } from "../../server/domain/orders/download-token.ts";
import { makeAdmin, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } });
});
afterAll(async () => {
  expect(await verifyLedger(server.ctx.db)).toMatchObject({ ok: true, accountsSumMinor: 0 });
  await server?.stop();
});

const BYTES = Buffer.from("%PDF-1.4 the deliverable\n");

/** A published files tweep with two deliverables (one deleted) and two links, bought by a customer. */
async function buyFiles() {
  const provider = await registerUser(server);
  const customer = await registerUser(server);
  const [tweep] = await server.ctx.db
    .insert(tweeps)
    .values(
      publishedTweepRow(provider.user.id, {
        type: "files",
        title: { en: "Templates" },
        description: { en: "Templates" },
        category: "design",
        priceMinor: 25_000n,
        links: ["https://example.com/bonus"],
      }),
    )
    .returning();
  const stored = await server.ctx.storage.put(BYTES, { maxBytes: 1_000_000 });
  const [file] = await server.ctx.db
    .insert(tweepFiles)
    .values({
      tweepId: tweep!.id,
      kind: "deliverable",
      storageKey: stored.key,
      fileName: 'Отчёт "final"; v2.pdf',
      contentType: "application/pdf",
      sizeBytes: stored.sizeBytes,
    })
    .returning();
  const gone = await server.ctx.storage.put(Buffer.from("old"), { maxBytes: 100 });
  const [deleted] = await server.ctx.db
    .insert(tweepFiles)
    .values({ tweepId: tweep!.id, kind: "deliverable", storageKey: gone.key, fileName: "old.txt", contentType: "text/plain", sizeBytes: 3, deletedAt: new Date() })
    .returning();
  await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 25_000 });
  const placed = await customer.client.post("/api/v1/orders", { tweepId: tweep!.id });
  expect(placed.status).toBe(201);
  return { provider, customer, tweep: tweep!, file: file!, deleted: deleted!, order: placed.json.order };
}

describe("files orders", () => {
  it("shows the files and links to the buyer and lets them download through a signed link", async () => {
    const { customer, file, order } = await buyFiles();
    expect(order.files).toEqual([{ id: file.id, fileName: file.fileName, contentType: "application/pdf", sizeBytes: BYTES.length }]);
    expect(order.links).toEqual(["https://example.com/bonus"]);

    const link = await customer.client.get(`/api/v1/orders/${order.id}/files/${file.id}/link`);
    expect(link.status).toBe(200);
    expect(link.json.url).toMatch(/^\/api\/v1\/downloads\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const expiresIn = Date.parse(link.json.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(4 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(5 * 60_000);

    const response = await fetch(`${server.url}${link.json.url}`, { headers: { cookie: cookieOf(customer.client.cookies) } });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(BYTES);
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toBe(`attachment; filename="_____ _final__ v2.pdf"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("names the payment a purchase in the buyer's finances and a sale in the provider's", async () => {
    const { provider, customer, order } = await buyFiles();
    const bought = (await customer.client.get("/api/v1/wallet")).json.movements.filter((m: any) => m.orderId === order.id);
    const sold = (await provider.client.get("/api/v1/wallet")).json.movements.filter((m: any) => m.orderId === order.id);
    expect(bought).toEqual([expect.objectContaining({ kind: "files_purchase", amountMinor: -Number(order.priceMinor) })]);
    expect(sold).toHaveLength(1);
    expect(sold[0]).toMatchObject({ kind: "files_sale" });
    expect(sold[0].amountMinor).toBeGreaterThan(0);
  });

  it("gives the provider links too, but nobody else", async () => {
    const { provider, file, order } = await buyFiles();
    const byProvider = await provider.client.get(`/api/v1/orders/${order.id}/files/${file.id}/link`);
    expect(byProvider.status).toBe(200);
    const download = await provider.client.get(byProvider.json.url);
    expect(download.status).toBe(200);

    const stranger = await registerUser(server);
    const moderator = await registerUser(server);
    await makeAdmin(server, moderator.user.id);
    for (const someone of [stranger, moderator]) {
      const link = await someone.client.get(`/api/v1/orders/${order.id}/files/${file.id}/link`);
      expect([link.status, link.json.error.code]).toEqual([404, "not_found"]);
    }
  });

  it("refuses a leaked link to anyone but the user it was made for, and to anonymous visitors", async () => {
    const { customer, provider, file, order } = await buyFiles();
    const link = await customer.client.get(`/api/v1/orders/${order.id}/files/${file.id}/link`);
    const stranger = await registerUser(server);
    for (const other of [stranger, provider]) {
      const answer = await other.client.get(link.json.url);
      expect([answer.status, answer.json.error.code, answer.json.error.details]).toEqual([403, "forbidden", { reason: "not_your_link" }]);
    }
    expect((await server.client().get(link.json.url)).status).toBe(401);
  });

  it("refuses an expired link (410), a forged one and one signed with another key (403)", async () => {
    const { customer, file, order } = await buyFiles();
    const claims = { fileId: file.id, orderId: order.id, userId: customer.user.id };
    const expired = signDownloadToken(server.ctx.config.secretKey, { ...claims, exp: Date.now() - 1 });
    const answer = await customer.client.get(`/api/v1/downloads/${expired}`);
    expect([answer.status, answer.json.error.code]).toEqual([410, "link_expired"]);

    const otherKey = signDownloadToken("another-key-another-key-another-key!", { ...claims, exp: Date.now() + 60_000 });
    const valid = signDownloadToken(server.ctx.config.secretKey, { ...claims, exp: Date.now() + 60_000 });
    const [payload, signature] = valid.split(".");
    const longer = Buffer.from(JSON.stringify({ ...claims, exp: Date.now() + 86_400_000 })).toString("base64url");
    for (const token of [otherKey, `${longer}.${signature}`, `${payload}.`, "garbage"]) {
      const refused = await customer.client.get(`/api/v1/downloads/${token}`);
      expect([refused.status, refused.json.error.code, refused.json.error.details]).toEqual([403, "forbidden", { reason: "invalid_link" }]);
    }
    expect((await customer.client.get(`/api/v1/downloads/${valid}`)).status).toBe(200);
  });

  it("refuses links to deleted files, files of other tweeps and orders that are not paid files orders", async () => {
    const { customer, deleted, order } = await buyFiles();
    const other = await buyFiles();
    expect((await customer.client.get(`/api/v1/orders/${order.id}/files/${deleted.id}/link`)).status).toBe(404);
    expect((await customer.client.get(`/api/v1/orders/${order.id}/files/${other.file.id}/link`)).status).toBe(404);
    // A token for a deleted file, even validly signed, opens nothing.
    const token = signDownloadToken(server.ctx.config.secretKey, { fileId: deleted.id, orderId: order.id, userId: customer.user.id, exp: Date.now() + 60_000 });
    expect((await customer.client.get(`/api/v1/downloads/${token}`)).status).toBe(404);
    await server.ctx.db.update(tweepFiles).set({ deletedAt: new Date() }).where(eq(tweepFiles.tweepId, other.tweep.id));
    expect((await other.customer.client.get(`/api/v1/orders/${other.order.id}/files/${other.file.id}/link`)).status).toBe(404);
  });
});

function cookieOf(cookies: Map<string, string>) {
  return [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
}
