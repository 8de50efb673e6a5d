import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tweepFiles, tweeps, users } from "../../db/schema.ts";
import { DEMO_PASSWORD, DEMO_PHONES } from "../../server/seed-demo.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { cookieOf } from "../fixtures/live-fixtures.ts";
import { type ApiClient, makeAdmin, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// A files tweep must deliver something (SPEC 7): it cannot go to moderation empty, the
// moderator sees its files, and the demo's files tweep sells a real file.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ SEED_DEMO: "true" }, { rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } });
});
afterAll(async () => {
  expect(await verifyLedger(server.ctx.db)).toMatchObject({ ok: true, accountsSumMinor: 0 });
  await server?.stop();
});

const emptyFilesTweep = {
  type: "files",
  languages: ["en"],
  title: { en: "Checklists" },
  description: { en: "Three checklists" },
  category: "law",
  priceMinor: 40_000,
};

async function createDraft(client: ApiClient, body: object) {
  const answer = await client.post("/api/v1/tweeps", body);
  expect(answer.status, answer.text).toBe(201);
  return answer.json.tweep.id as string;
}

async function upload(client: ApiClient, tweepId: string, name: string, type: string, text: string) {
  const form = new FormData();
  form.append("file", new File([new TextEncoder().encode(text)], name, { type }));
  const response = await fetch(`${client.baseUrl}/api/v1/tweeps/${tweepId}/files`, { method: "POST", body: form, headers: { cookie: cookieOf(client) } });
  expect(response.status, await response.clone().text()).toBe(201);
}

const statusOf = async (id: string) => (await server.ctx.db.select({ status: tweeps.status }).from(tweeps).where(eq(tweeps.id, id)))[0]!.status;

describe("submitting a files tweep", () => {
  it("refuses one with neither a file nor a link (409 files_required) and leaves it a draft", async () => {
    const { client } = await registerUser(server);
    const id = await createDraft(client, emptyFilesTweep);
    const refused = await client.post(`/api/v1/tweeps/${id}/submit`);
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("files_required");
    expect(await statusOf(id)).toBe("draft");
  });

  it("accepts one with a link, and one with an uploaded file", async () => {
    const { client } = await registerUser(server);
    const withLink = await createDraft(client, { ...emptyFilesTweep, links: ["https://example.com/checklists"] });
    expect((await client.post(`/api/v1/tweeps/${withLink}/submit`)).status).toBe(200);
    expect(await statusOf(withLink)).toBe("pending");

    const withFile = await createDraft(client, emptyFilesTweep);
    await upload(client, withFile, "checklist.txt", "text/plain", "1. Read the contract\n");
    expect((await client.post(`/api/v1/tweeps/${withFile}/submit`)).status).toBe(200);
    expect(await statusOf(withFile)).toBe("pending");
  });

  it("does not count a deleted file", async () => {
    const { client } = await registerUser(server);
    const id = await createDraft(client, emptyFilesTweep);
    await upload(client, id, "gone.txt", "text/plain", "gone");
    const [file] = await server.ctx.db.select().from(tweepFiles).where(eq(tweepFiles.tweepId, id));
    expect((await client.request("DELETE", `/api/v1/tweeps/${id}/files/${file!.id}`)).status).toBeLessThan(300);
    expect((await client.post(`/api/v1/tweeps/${id}/submit`)).json.error.code).toBe("files_required");
  });

  it("still submits other tweep types without files", async () => {
    const { client } = await registerUser(server);
    const id = await createDraft(client, { ...emptyFilesTweep, type: "work" });
    expect((await client.post(`/api/v1/tweeps/${id}/submit`)).status).toBe(200);
  });
});

describe("the moderation queue", () => {
  it("lists each tweep's deliverable files with name, size and type", async () => {
    const { client } = await registerUser(server);
    const id = await createDraft(client, emptyFilesTweep);
    await upload(client, id, "first.txt", "text/plain", "12345");
    await upload(client, id, "second.txt", "text/plain", "1234567890");
    expect((await client.post(`/api/v1/tweeps/${id}/submit`)).status).toBe(200);

    const moderator = await registerUser(server);
    await makeAdmin(server, moderator.user.id);
    const queue = await moderator.client.get("/api/v1/moderation/tweeps");
    expect(queue.status).toBe(200);
    const item = queue.json.items.find((entry: { tweepId: string }) => entry.tweepId === id);
    expect(item.files.map((file: { fileName: string; sizeBytes: number; contentType: string }) => [file.fileName, file.sizeBytes, file.contentType])).toEqual([
      ["first.txt", 5, "text/plain"],
      ["second.txt", 10, "text/plain"],
    ]);
  });
});

describe("the demo seed", () => {
  it("stores a real file for the demo files tweep, which a demo purchase downloads", async () => {
    const [provider] = await server.ctx.db.select().from(users).where(eq(users.phone, DEMO_PHONES.provider));
    const [tweep] = await server.ctx.db
      .select()
      .from(tweeps)
      .where(and(eq(tweeps.providerId, provider!.id), eq(tweeps.type, "files")));
    const files = await server.ctx.db.select().from(tweepFiles).where(eq(tweepFiles.tweepId, tweep!.id));
    expect(files).toHaveLength(1);
    const chunks: Buffer[] = [];
    for await (const chunk of await server.ctx.storage.read(files[0]!.storageKey)) chunks.push(Buffer.from(chunk as Uint8Array));
    const stored = Buffer.concat(chunks);
    expect(stored.length).toBe(files[0]!.sizeBytes);
    expect(stored.toString("utf8")).toContain("Шаблоны договоров");

    const customer = server.client();
    expect((await customer.post("/api/v1/auth/login", { phone: DEMO_PHONES.customer, password: DEMO_PASSWORD })).status).toBe(200);
    const placed = await customer.post("/api/v1/orders", { tweepId: tweep!.id }, { "idempotency-key": "demo-files-purchase" });
    expect(placed.status, placed.text).toBe(201);
    expect(placed.json.order.files).toHaveLength(1);
    const link = await customer.get(`/api/v1/orders/${placed.json.order.id}/files/${files[0]!.id}/link`);
    expect(link.status).toBe(200);
    const download = await fetch(`${server.url}${link.json.url}`, { headers: { cookie: cookieOf(customer) } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(stored);
  });
});
