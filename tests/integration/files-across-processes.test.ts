import { afterAll, describe, expect, it } from "vitest";
import { openConsultationOrderRow, publishedTweepRow } from "../../db/row-factory.ts";
import { orders, tweeps } from "../../db/schema.ts";
import { startS3Server } from "../fixtures/s3-server.ts";
import { type ApiClient, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// Uploaded files in an S3-compatible store (a local server speaking the protocol, run by
// this file): every app process serves what any of them stored.
const shared = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 1, 2, 3]);
const s3Servers: Awaited<ReturnType<typeof startS3Server>>[] = [];
const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers.reverse()) await server.stop();
  for (const s3 of s3Servers) await s3.stop();
});

async function startS3() {
  const s3 = await startS3Server();
  s3Servers.push(s3);
  return s3;
}

async function uploadFile(client: ApiClient, path: string, file: File) {
  const form = new FormData();
  form.append("file", file);
  const response = await fetch(`${client.baseUrl}${path}`, {
    method: "POST",
    body: form,
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
  const text = await response.text();
  expect(response.status, text).toBe(201);
  return JSON.parse(text);
}

const uploadCover = (client: ApiClient, tweepId: string) =>
  uploadFile(client, `/api/v1/tweeps/${tweepId}/cover`, new File([png], "cover.png", { type: "image/png" }));

async function readCover(client: ApiClient, tweepId: string) {
  const response = await fetch(`${client.baseUrl}/api/v1/tweeps/${tweepId}/cover`, {
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
  return { status: response.status, type: response.headers.get("content-type"), bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function createDraft(client: ApiClient) {
  const answer = await client.post("/api/v1/tweeps", {
    type: "consultation",
    languages: ["en"],
    title: { en: "Tax questions" },
    description: { en: "I answer questions about taxes" },
    category: "finance",
    textPriceMinor: 90_000,
  });
  expect(answer.status, answer.text).toBe(201);
  return answer.json.tweep.id as string;
}

describe("files in an S3-compatible store", () => {
  it("a cover uploaded through the app is stored in the bucket and served back", async () => {
    const s3 = await startS3();
    const server = await startTestServer(s3.env);
    servers.push(server);
    const { client } = await registerUser(server);
    const id = await createDraft(client);
    await uploadCover(client, id);
    const listing = await fetch(`${s3.endpoint}/${s3.bucket}?list-type=2`).then((r) => r.text());
    expect(listing).toMatch(/<Key>[0-9a-f]{2}\/[0-9a-f-]{36}<\/Key>/);
    expect(await readCover(client, id)).toEqual({ status: 200, type: "image/png", bytes: png });
  });
});

describe.skipIf(!shared)("files across app processes (needs DATABASE_URL and REDIS_URL)", () => {
  it("a file uploaded through process A downloads through process B", async () => {
    const s3 = await startS3();
    const prefix = `files-${Date.now()}`;
    const first = await startTestServer({ ...s3.env, REDIS_PREFIX: prefix });
    servers.push(first);
    const second = await startTestServer({ ...s3.env, REDIS_PREFIX: prefix, DATABASE_URL: first.databaseUrl! });
    servers.push(second);

    const { client } = await registerUser(first);
    const id = await createDraft(client);
    await uploadCover(client, id);
    // The same cookies on the other process: sessions live in the shared database.
    const onSecond = Object.assign(second.client(), { cookies: client.cookies });
    expect(await readCover(onSecond, id)).toEqual({ status: 200, type: "image/png", bytes: png });
  });

  it("a document uploaded through A is opened by its signed link on B", async () => {
    const s3 = await startS3();
    const prefix = `documents-${Date.now()}`;
    const first = await startTestServer({ ...s3.env, REDIS_PREFIX: prefix });
    servers.push(first);
    const second = await startTestServer({ ...s3.env, REDIS_PREFIX: prefix, DATABASE_URL: first.databaseUrl! });
    servers.push(second);

    const provider = await registerUser(first);
    const customer = await registerUser(first);
    const [tweep] = await first.ctx.db.insert(tweeps).values(publishedTweepRow(provider.user.id, { videoPriceMinor: 10_000n })).returning();
    await first.ctx.db.insert(orders).values(openConsultationOrderRow(tweep!, customer.user.id, 10_000n));
    const pdf = "%PDF-1.4 the lease\n";
    const stored = await uploadFile(
      customer.client,
      `/api/v1/contacts/${provider.user.id}/documents`,
      new File([pdf], "lease.pdf", { type: "application/pdf" }),
    );

    const providerOnSecond = Object.assign(second.client(), { cookies: provider.client.cookies });
    const link = await providerOnSecond.get(`/api/v1/documents/${stored.document.id}/link`);
    expect(link.status).toBe(200);
    const file = await providerOnSecond.get(link.json.url);
    expect([file.status, file.text, file.headers.get("content-type")]).toEqual([200, pdf, "application/pdf"]);
  });
});
