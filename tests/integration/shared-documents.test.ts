import { and, eq, or } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openConsultationOrderRow, publishedTweepRow } from "../../db/row-factory.ts";
import { appointments, orders, sharedDocuments, tweeps } from "../../db/schema.ts";
import { pairHasDealings } from "../../server/domain/documents/pair-has-dealings.ts";
import { type ApiClient, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// The tests move this clock; the server reads it through ctx.now() (docs/architecture.md rule 4).
let clock = Date.now();
let server: TestServer;
let puts = 0;
beforeAll(async () => {
  server = await startTestServer({}, { now: () => new Date(clock), rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } });
  // Counts what reaches the storage, so "nothing stored" is checked on the bytes too.
  const put = server.ctx.storage.put.bind(server.ctx.storage);
  server.ctx.storage.put = (source, options) => {
    puts += 1;
    return put(source, options);
  };
});
afterAll(async () => {
  await server?.stop();
});

const PDF = "%PDF-1.4 the contract\n";

async function upload(client: ApiClient, path: string, name: string, type: string, bytes: Uint8Array<ArrayBuffer> | string) {
  const form = new FormData();
  form.append("file", new File([typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes], name, { type }));
  const response = await fetch(`${client.baseUrl}${path}`, {
    method: "POST",
    body: form,
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined, text };
}

/** A provider and a customer with one consultation order together, and a stranger. */
async function pairWithOrder() {
  const provider = await registerUser(server);
  const customer = await registerUser(server);
  const stranger = await registerUser(server);
  const [tweep] = await server.ctx.db.insert(tweeps).values(publishedTweepRow(provider.user.id, { videoPriceMinor: 10_000n })).returning();
  await server.ctx.db.insert(orders).values(openConsultationOrderRow(tweep!, customer.user.id, 10_000n));
  return { provider, customer, stranger };
}

async function folderRows(a: string, b: string) {
  const [low, high] = a < b ? [a, b] : [b, a];
  return server.ctx.db
    .select()
    .from(sharedDocuments)
    .where(and(eq(sharedDocuments.userLowId, low), eq(sharedDocuments.userHighId, high)));
}

describe("shared documents (SPEC 16)", () => {
  it("a pair has dealings once they share an order, either way round; nobody has dealings with themselves", async () => {
    const { provider, customer, stranger } = await pairWithOrder();
    expect(await pairHasDealings(server.ctx.db, customer.user.id, provider.user.id)).toBe(true);
    expect(await pairHasDealings(server.ctx.db, provider.user.id, customer.user.id)).toBe(true);
    expect(await pairHasDealings(server.ctx.db, stranger.user.id, provider.user.id)).toBe(false);
    expect(await pairHasDealings(server.ctx.db, provider.user.id, provider.user.id)).toBe(false);
  });

  it("a booking alone opens the folder too: papers can be sent before the appointment", async () => {
    const provider = await registerUser(server);
    const customer = await registerUser(server);
    const [tweep] = await server.ctx.db.insert(tweeps).values(publishedTweepRow(provider.user.id, { videoPriceMinor: 10_000n })).returning();
    expect(await pairHasDealings(server.ctx.db, customer.user.id, provider.user.id)).toBe(false);
    const startsAt = new Date(clock + 86_400_000);
    await server.ctx.db.insert(appointments).values({
      id: crypto.randomUUID(),
      tweepId: tweep!.id,
      customerId: customer.user.id,
      providerId: provider.user.id,
      medium: "video",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 15 * 60_000),
      blocks: 1,
      blockPriceMinor: 10_000n,
      priceMinor: 10_000n,
      title: { en: "A booked consultation" },
      decideBy: new Date(clock + 3_600_000),
    });
    expect(await pairHasDealings(server.ctx.db, provider.user.id, customer.user.id)).toBe(true);
    const sent = await upload(customer.client, `/api/v1/contacts/${provider.user.id}/documents`, "brief.pdf", "application/pdf", PDF);
    expect(sent.status, sent.text).toBe(201);
    expect((await provider.client.get(`/api/v1/contacts/${customer.user.id}/documents`)).json.items).toHaveLength(1);
  });

  it("both parties upload, list and download; each sees who uploaded what", async () => {
    const { provider, customer } = await pairWithOrder();
    const fromCustomer = await upload(customer.client, `/api/v1/contacts/${provider.user.id}/documents`, "passport scan.pdf", "application/pdf", PDF);
    expect(fromCustomer.status).toBe(201);
    expect(fromCustomer.json.document).toMatchObject({ fileName: "passport scan.pdf", contentType: "application/pdf", sizeBytes: PDF.length, uploadedByMe: true });
    clock += 1000;
    const fromProvider = await upload(provider.client, `/api/v1/contacts/${customer.user.id}/documents`, "notes.txt", "text/plain", "Bring the lease.");
    expect(fromProvider.status).toBe(201);

    const customerView = await customer.client.get(`/api/v1/contacts/${provider.user.id}/documents`);
    expect(customerView.status).toBe(200);
    expect(customerView.json.contact.id).toBe(provider.user.id);
    expect(customerView.json.items.map((d: { fileName: string; uploadedByMe: boolean }) => [d.fileName, d.uploadedByMe])).toEqual([
      ["notes.txt", false],
      ["passport scan.pdf", true],
    ]);
    const providerView = await provider.client.get(`/api/v1/contacts/${customer.user.id}/documents`);
    expect(providerView.json.items.map((d: { fileName: string; uploadedByMe: boolean }) => [d.fileName, d.uploadedByMe])).toEqual([
      ["notes.txt", true],
      ["passport scan.pdf", false],
    ]);

    // The provider downloads the customer's document, and the customer the provider's.
    const link = await provider.client.get(`/api/v1/documents/${fromCustomer.json.document.id}/link`);
    expect(link.status).toBe(200);
    const file = await provider.client.get(link.json.url);
    expect(file.status).toBe(200);
    expect(file.text).toBe(PDF);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toContain("passport scan.pdf".replace(" ", "%20"));
    const back = await customer.client.get(`/api/v1/documents/${fromProvider.json.document.id}/link`);
    expect((await customer.client.get(back.json.url)).text).toBe("Bring the lease.");
  });

  it("a third user can neither list, upload nor download: 404 for the folder and the document, 403 for someone else's link", async () => {
    const { provider, customer, stranger } = await pairWithOrder();
    const stored = await upload(customer.client, `/api/v1/contacts/${provider.user.id}/documents`, "a.pdf", "application/pdf", PDF);
    const documentId = stored.json.document.id as string;

    // The stranger has no dealings with either: no folder with them exists.
    expect((await stranger.client.get(`/api/v1/contacts/${provider.user.id}/documents`)).status).toBe(404);
    expect((await stranger.client.get(`/api/v1/contacts/${customer.user.id}/documents`)).status).toBe(404);
    const putsBefore = puts;
    const refused = await upload(stranger.client, `/api/v1/contacts/${provider.user.id}/documents`, "b.pdf", "application/pdf", PDF);
    expect([refused.status, refused.json.error.code]).toEqual([404, "not_found"]);
    expect(puts).toBe(putsBefore);
    expect(await folderRows(stranger.user.id, provider.user.id)).toHaveLength(0);

    // The document of another pair is "not found" for them, and a party's link is useless to them.
    expect((await stranger.client.get(`/api/v1/documents/${documentId}/link`)).status).toBe(404);
    expect((await stranger.client.request("DELETE", `/api/v1/documents/${documentId}`)).status).toBe(404);
    const link = await customer.client.get(`/api/v1/documents/${documentId}/link`);
    const forwarded = await stranger.client.get(link.json.url);
    expect([forwarded.status, forwarded.json.error.code]).toEqual([403, "forbidden"]);
    // Not signed in at all: 401.
    expect((await server.client().get(link.json.url)).status).toBe(401);
    // Nobody has a folder with themselves.
    expect((await customer.client.get(`/api/v1/contacts/${customer.user.id}/documents`)).status).toBe(404);
  });

  it("a link is valid for 5 minutes and then answers 410 link_expired; asking again gives a new one", async () => {
    const { provider, customer } = await pairWithOrder();
    const stored = await upload(provider.client, `/api/v1/contacts/${customer.user.id}/documents`, "a.pdf", "application/pdf", PDF);
    const made = clock;
    const link = await customer.client.get(`/api/v1/documents/${stored.json.document.id}/link`);
    expect(Date.parse(link.json.expiresAt) - made).toBe(5 * 60_000);

    clock = made + 5 * 60_000 - 1;
    expect((await customer.client.get(link.json.url)).status).toBe(200);
    clock = made + 5 * 60_000;
    const expired = await customer.client.get(link.json.url);
    expect([expired.status, expired.json.error.code]).toEqual([410, "link_expired"]);

    const fresh = await customer.client.get(`/api/v1/documents/${stored.json.document.id}/link`);
    expect((await customer.client.get(fresh.json.url)).text).toBe(PDF);
  });

  it("refuses a file outside the files rules (type, size) with a clear 4xx and stores nothing", async () => {
    const { provider, customer } = await pairWithOrder();
    const path = `/api/v1/contacts/${provider.user.id}/documents`;
    const putsBefore = puts;

    // An executable renamed to .pdf: name, type and bytes disagree.
    const renamed = await upload(customer.client, path, "invoice.pdf", "application/pdf", "MZ\x90\x00 not a pdf");
    expect([renamed.status, renamed.json.error.code]).toEqual([415, "unsupported_media_type"]);
    expect(renamed.json.error.message).toMatch(/PDF, ZIP/);
    const script = await upload(customer.client, path, "run.sh", "application/x-sh", "#!/bin/sh\n");
    expect(script.status).toBe(415);

    // Past 20 MB.
    const big = new Uint8Array(20 * 1024 * 1024 + 1);
    big.set(new TextEncoder().encode("%PDF-1.4"));
    const tooLarge = await upload(customer.client, path, "big.pdf", "application/pdf", big);
    expect([tooLarge.status, tooLarge.json.error.code]).toEqual([413, "payload_too_large"]);

    // Not a file at all.
    const notFile = await customer.client.post(path, { file: "x" });
    expect(notFile.status).toBe(400);

    expect(puts).toBe(putsBefore);
    expect(await folderRows(customer.user.id, provider.user.id)).toHaveLength(0);
  });

  it("only the uploader deletes a document; afterwards it is gone for both", async () => {
    const { provider, customer } = await pairWithOrder();
    const stored = await upload(customer.client, `/api/v1/contacts/${provider.user.id}/documents`, "a.pdf", "application/pdf", PDF);
    const id = stored.json.document.id as string;
    const link = await provider.client.get(`/api/v1/documents/${id}/link`);

    const notMine = await provider.client.request("DELETE", `/api/v1/documents/${id}`);
    expect([notMine.status, notMine.json.error.code]).toEqual([403, "forbidden"]);
    expect((await customer.client.request("DELETE", `/api/v1/documents/${id}`)).status).toBe(204);

    expect((await provider.client.get(`/api/v1/contacts/${customer.user.id}/documents`)).json.items).toEqual([]);
    expect((await provider.client.get(`/api/v1/documents/${id}/link`)).status).toBe(404);
    expect((await provider.client.get(link.json.url)).status).toBe(404);
    const [row] = await server.ctx.db.select().from(sharedDocuments).where(or(eq(sharedDocuments.id, id)));
    expect(row?.deletedAt).not.toBeNull();
  });
});
