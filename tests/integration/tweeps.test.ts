import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tweepFiles, tweepRevisions, tweeps } from "../../db/schema.ts";
import { type ApiClient, makeAdmin, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } });
});
afterAll(() => server?.stop());

const consultation = {
  type: "consultation",
  languages: ["ru", "en"],
  title: { ru: "Консультация бухгалтера", en: "Accountant consultation" },
  description: { ru: "Отвечу на вопросы о налогах", en: "I answer questions about taxes" },
  category: "finance",
  videoPriceMinor: 150_000,
  textPriceMinor: 90_000,
};
const filesTweep = {
  type: "files",
  languages: ["en"],
  title: { en: "Contract templates" },
  description: { en: "Five templates" },
  category: "law",
  priceMinor: 50_000,
  links: ["https://example.com/preview"],
};

const readTweep = async (id: string) => (await server.ctx.db.select().from(tweeps).where(eq(tweeps.id, id)))[0]!;

async function createDraft(client: ApiClient, body: object = consultation) {
  const answer = await client.post("/api/v1/tweeps", body);
  expect(answer.status, answer.text).toBe(201);
  return answer.json.tweep.id as string;
}

async function upload(client: ApiClient, path: string, name: string, type: string, bytes: Uint8Array<ArrayBuffer> | string, headers: Record<string, string> = {}) {
  const form = new FormData();
  form.append("file", new File([typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes], name, { type }));
  const response = await fetch(`${client.baseUrl}${path}`, {
    method: "POST",
    body: form,
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; "), ...headers },
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined, text };
}

async function moderatorClient() {
  const moderator = await registerUser(server);
  await makeAdmin(server, moderator.user.id);
  return moderator.client;
}

describe("life cycle", () => {
  it("creates a draft, submits it, a moderator publishes it, the owner archives it", async () => {
    const { client, user } = await registerUser(server);
    const id = await createDraft(client);
    expect(await readTweep(id)).toMatchObject({ status: "draft", providerId: user.id, videoPriceMinor: 150_000n, priceMinor: null });

    expect((await client.post(`/api/v1/tweeps/${id}/submit`)).status).toBe(200);
    expect((await readTweep(id)).status).toBe("pending");
    expect((await readTweep(id)).submittedAt).toBeInstanceOf(Date);

    const moderator = await moderatorClient();
    expect((await moderator.post(`/api/v1/moderation/tweeps/${id}/approve`)).status).toBe(200);
    const published = await readTweep(id);
    expect(published.status).toBe("published");
    expect(published.publishedAt).toBeInstanceOf(Date);

    const archived = await client.post(`/api/v1/tweeps/${id}/archive`);
    expect(archived.status).toBe(200);
    expect((await readTweep(id)).status).toBe("archived");
  });

  it("a rejected tweep goes back to draft when edited, and shows the reason until resubmitted", async () => {
    const { client } = await registerUser(server);
    const id = await createDraft(client);
    await client.post(`/api/v1/tweeps/${id}/submit`);
    const moderator = await moderatorClient();
    expect((await moderator.post(`/api/v1/moderation/tweeps/${id}/reject`, { reason: "Prices look wrong" })).status).toBe(200);
    expect(await readTweep(id)).toMatchObject({ status: "rejected", rejectionReason: "Prices look wrong" });
    const mine = await client.get("/api/v1/me/tweeps");
    expect(mine.json.items).toEqual([expect.objectContaining({ id, status: "rejected", rejectionReason: "Prices look wrong" })]);

    expect((await client.patch(`/api/v1/tweeps/${id}`, { videoPriceMinor: 120_000 })).status).toBe(200);
    expect(await readTweep(id)).toMatchObject({ status: "draft", videoPriceMinor: 120_000n });
    expect((await client.post(`/api/v1/tweeps/${id}/submit`)).status).toBe(200);
    expect(await readTweep(id)).toMatchObject({ status: "pending", rejectionReason: null });
  });

  it("archives a draft and a pending tweep", async () => {
    const { client } = await registerUser(server);
    const draft = await createDraft(client);
    const pending = await createDraft(client);
    await client.post(`/api/v1/tweeps/${pending}/submit`);
    for (const id of [draft, pending]) {
      expect((await client.post(`/api/v1/tweeps/${id}/archive`)).status).toBe(200);
      expect((await readTweep(id)).status).toBe("archived");
    }
  });

  it("refuses every disallowed transition with 409 and changes nothing", async () => {
    const { client } = await registerUser(server);
    const moderator = await moderatorClient();
    const draft = await createDraft(client);
    const pending = await createDraft(client);
    await client.post(`/api/v1/tweeps/${pending}/submit`);
    const archived = await createDraft(client);
    await client.post(`/api/v1/tweeps/${archived}/archive`);
    const rejected = await createDraft(client);
    await client.post(`/api/v1/tweeps/${rejected}/submit`);
    await moderator.post(`/api/v1/moderation/tweeps/${rejected}/reject`, { reason: "no" });
    const published = await createDraft(client);
    await client.post(`/api/v1/tweeps/${published}/submit`);
    await moderator.post(`/api/v1/moderation/tweeps/${published}/approve`);

    const refused: [string, () => Promise<{ status: number; json: any }>][] = [
      ["submit pending", () => client.post(`/api/v1/tweeps/${pending}/submit`)],
      ["submit published", () => client.post(`/api/v1/tweeps/${published}/submit`)],
      ["submit rejected", () => client.post(`/api/v1/tweeps/${rejected}/submit`)],
      ["submit archived", () => client.post(`/api/v1/tweeps/${archived}/submit`)],
      ["edit pending", () => client.patch(`/api/v1/tweeps/${pending}`, { category: "law" })],
      ["edit archived", () => client.patch(`/api/v1/tweeps/${archived}`, { category: "law" })],
      ["archive archived", () => client.post(`/api/v1/tweeps/${archived}/archive`)],
      ["approve draft", () => moderator.post(`/api/v1/moderation/tweeps/${draft}/approve`)],
      ["approve published", () => moderator.post(`/api/v1/moderation/tweeps/${published}/approve`)],
      ["approve rejected", () => moderator.post(`/api/v1/moderation/tweeps/${rejected}/approve`)],
      ["approve archived", () => moderator.post(`/api/v1/moderation/tweeps/${archived}/approve`)],
      ["reject draft", () => moderator.post(`/api/v1/moderation/tweeps/${draft}/reject`, { reason: "x" })],
      ["reject published", () => moderator.post(`/api/v1/moderation/tweeps/${published}/reject`, { reason: "x" })],
    ];
    const ids = [draft, pending, archived, rejected, published];
    const before = await Promise.all(ids.map(readTweep));
    for (const [name, attempt] of refused) {
      const answer = await attempt();
      expect(answer.status, name).toBe(409);
      expect(answer.json.error.code, name).toBe("invalid_state");
    }
    expect(await Promise.all(ids.map(readTweep))).toEqual(before);
  });

  it("creates no revision for an empty or unchanged edit of a published tweep", async () => {
    const { client } = await registerUser(server);
    const moderator = await moderatorClient();
    const id = await createDraft(client);
    await client.post(`/api/v1/tweeps/${id}/submit`);
    await moderator.post(`/api/v1/moderation/tweeps/${id}/approve`);
    const published = (await client.get(`/api/v1/tweeps/${id}`)).json.tweep;
    const revisions = () => server.ctx.db.select().from(tweepRevisions).where(eq(tweepRevisions.tweepId, id));

    for (const body of [{}, { category: published.category, title: published.title }]) {
      const answer = await client.patch(`/api/v1/tweeps/${id}`, body);
      expect(answer.status).toBe(200);
      expect(answer.json.pendingRevision).toBeNull();
    }
    expect(await revisions()).toEqual([]);
    expect((await moderator.get("/api/v1/moderation/tweeps")).json.items.map((item: any) => item.tweepId)).not.toContain(id);

    // A real edit waits; repeating it leaves that pending revision (and its version) alone.
    const edited = await client.patch(`/api/v1/tweeps/${id}`, { category: "law" });
    expect(edited.json.pendingRevision).toMatchObject({ category: "law" });
    const [pending] = await revisions();
    const again = await client.patch(`/api/v1/tweeps/${id}`, { category: "law" });
    expect(again.json.pendingRevision).toMatchObject({ id: pending!.id, updatedAt: pending!.updatedAt.toISOString() });
    expect(await revisions()).toEqual([pending]);
  });

  it("archives a published tweep while its pending revision leaves the queue", async () => {
    const { client } = await registerUser(server);
    const moderator = await moderatorClient();
    const id = await createDraft(client);
    await client.post(`/api/v1/tweeps/${id}/submit`);
    await moderator.post(`/api/v1/moderation/tweeps/${id}/approve`);
    await client.patch(`/api/v1/tweeps/${id}`, { category: "law" });
    expect((await moderator.get("/api/v1/moderation/tweeps")).json.items.map((item: any) => item.tweepId)).toContain(id);
    await client.post(`/api/v1/tweeps/${id}/archive`);
    expect((await moderator.get("/api/v1/moderation/tweeps")).json.items.map((item: any) => item.tweepId)).not.toContain(id);
    const approve = await moderator.post(`/api/v1/moderation/tweeps/${id}/approve`);
    expect(approve.status).toBe(409);
    expect(await readTweep(id)).toMatchObject({ status: "archived", category: "finance" });
  });
});

describe("who may see and change a tweep", () => {
  it("shows drafts only to the owner and moderators, published tweeps to anyone", async () => {
    const owner = await registerUser(server);
    const stranger = await registerUser(server);
    const moderator = await moderatorClient();
    const anonymous = server.client();
    const id = await createDraft(owner.client);
    expect((await owner.client.get(`/api/v1/tweeps/${id}`)).status).toBe(200);
    expect((await moderator.get(`/api/v1/tweeps/${id}`)).status).toBe(200);
    expect((await stranger.client.get(`/api/v1/tweeps/${id}`)).status).toBe(404);
    expect((await anonymous.get(`/api/v1/tweeps/${id}`)).status).toBe(404);
    await owner.client.post(`/api/v1/tweeps/${id}/submit`);
    await moderator.post(`/api/v1/moderation/tweeps/${id}/approve`);
    const seen = await anonymous.get(`/api/v1/tweeps/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.json.tweep).toMatchObject({ id, status: "published", providerId: owner.user.id, ratingAverage: null, ratingCount: 0 });
    expect(seen.json.tweep.files).toBeUndefined();
  });

  it("lets nobody but the owner edit, submit, archive or upload (404), and nobody anonymous (401)", async () => {
    const owner = await registerUser(server);
    const stranger = await registerUser(server);
    const moderator = await moderatorClient();
    const id = await createDraft(owner.client, filesTweep);
    const before = await readTweep(id);
    for (const other of [stranger.client, moderator]) {
      expect((await other.patch(`/api/v1/tweeps/${id}`, { category: "it" })).status).toBe(404);
      expect((await other.post(`/api/v1/tweeps/${id}/submit`)).status).toBe(404);
      expect((await other.post(`/api/v1/tweeps/${id}/archive`)).status).toBe(404);
      expect((await upload(other, `/api/v1/tweeps/${id}/files`, "a.txt", "text/plain", "hello")).status).toBe(404);
    }
    expect((await server.client().patch(`/api/v1/tweeps/${id}`, { category: "it" })).status).toBe(401);
    expect(await readTweep(id)).toEqual(before);
    expect(await server.ctx.db.select().from(tweepFiles).where(eq(tweepFiles.tweepId, id))).toHaveLength(0);
  });

  it("refuses moderation to non-moderators with 403", async () => {
    const owner = await registerUser(server);
    const id = await createDraft(owner.client);
    await owner.client.post(`/api/v1/tweeps/${id}/submit`);
    expect((await owner.client.post(`/api/v1/moderation/tweeps/${id}/approve`)).status).toBe(403);
    expect((await owner.client.post(`/api/v1/moderation/tweeps/${id}/reject`, { reason: "mine" })).status).toBe(403);
    expect((await owner.client.get("/api/v1/moderation/tweeps")).status).toBe(403);
    expect((await owner.client.get("/api/v1/moderation/decisions")).status).toBe(403);
    expect((await server.client().get("/api/v1/moderation/tweeps")).status).toBe(401);
    expect((await readTweep(id)).status).toBe("pending");
  });
});

describe("validation", () => {
  const cases: [string, object, RegExp][] = [
    ["a missing title in a chosen language", { ...consultation, title: { ru: "Только русский" } }, /title\.en/],
    ["a blank description", { ...consultation, description: { ru: "  ", en: "x" } }, /description\.ru/],
    ["a text in a language not offered", { ...filesTweep, title: { en: "x", ru: "y" } }, /title\.ru/],
    ["a consultation without prices", { ...consultation, videoPriceMinor: undefined, textPriceMinor: undefined }, /videoPriceMinor/],
    ["a consultation with priceMinor", { ...consultation, priceMinor: 100 }, /priceMinor/],
    ["work with a video price", { ...filesTweep, type: "work", links: undefined, videoPriceMinor: 100 }, /videoPriceMinor/],
    ["work without a price", { ...filesTweep, type: "work", links: undefined, priceMinor: undefined }, /priceMinor/],
    ["links on work", { ...filesTweep, type: "work" }, /links/],
    ["an http link", { ...filesTweep, links: ["http://example.com"] }, /links/],
    ["six links", { ...filesTweep, links: Array(6).fill("https://example.com") }, /links/],
    ["an unknown category", { ...consultation, category: "astrology" }, /category/],
    ["an unknown field", { ...consultation, status: "published" }, /status|body|Unrecognized/i],
    ["no language", { ...consultation, languages: [] }, /languages/],
    ["a repeated language", { ...consultation, languages: ["ru", "ru"] }, /languages/],
    ["a fractional price", { ...consultation, videoPriceMinor: 10.5 }, /videoPriceMinor/],
  ];
  it.each(cases)("refuses %s with 400 and stores nothing", async (_, body, message) => {
    const { client, user } = await registerUser(server);
    const answer = await client.post("/api/v1/tweeps", body);
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe("validation_failed");
    expect(answer.json.error.message).toMatch(message);
    expect(await server.ctx.db.select().from(tweeps).where(eq(tweeps.providerId, user.id))).toHaveLength(0);
  });

  it("drops the texts of a language removed by an edit, and refuses changing the type", async () => {
    const { client } = await registerUser(server);
    const id = await createDraft(client);
    expect((await client.patch(`/api/v1/tweeps/${id}`, { languages: ["en"] })).status).toBe(200);
    expect(await readTweep(id)).toMatchObject({ languages: ["en"], title: { en: "Accountant consultation" } });
    const typeChange = await client.patch(`/api/v1/tweeps/${id}`, { type: "work" });
    expect(typeChange.status).toBe(400);
    const clearBoth = await client.patch(`/api/v1/tweeps/${id}`, { videoPriceMinor: null, textPriceMinor: null });
    expect(clearBoth.status).toBe(400);
    expect(await readTweep(id)).toMatchObject({ type: "consultation", videoPriceMinor: 150_000n, textPriceMinor: 90_000n });
  });

  it("lists the categories with both names", async () => {
    const answer = await server.client().get("/api/v1/categories");
    expect(answer.status).toBe(200);
    expect(answer.json.items).toContainEqual({ id: "law", name: { ru: "Право", en: "Law" } });
  });
});

describe("editing a published tweep", () => {
  it("keeps the published content, keeps one pending revision, and the owner sees its state", async () => {
    const { client } = await registerUser(server);
    const moderator = await moderatorClient();
    const id = await createDraft(client);
    await client.post(`/api/v1/tweeps/${id}/submit`);
    await moderator.post(`/api/v1/moderation/tweeps/${id}/approve`);
    const first = await client.patch(`/api/v1/tweeps/${id}`, { textPriceMinor: 80_000 });
    expect(first.status).toBe(200);
    expect(first.json.pendingRevision).toMatchObject({ status: "pending", textPriceMinor: 80_000, videoPriceMinor: 150_000 });
    await client.patch(`/api/v1/tweeps/${id}`, { videoPriceMinor: 140_000 });
    expect(await readTweep(id)).toMatchObject({ status: "published", videoPriceMinor: 150_000n, textPriceMinor: 90_000n });
    const revisions = await server.ctx.db.select().from(tweepRevisions).where(eq(tweepRevisions.tweepId, id));
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ status: "pending", videoPriceMinor: 140_000n, textPriceMinor: 80_000n });

    await moderator.post(`/api/v1/moderation/tweeps/${id}/reject`, { reason: "Too cheap to be true" });
    expect(await readTweep(id)).toMatchObject({ status: "published", videoPriceMinor: 150_000n });
    const mine = await client.get("/api/v1/me/tweeps");
    expect(mine.json.items[0]).toMatchObject({
      id,
      status: "published",
      latestRevision: { status: "rejected", rejectionReason: "Too cheap to be true" },
    });
  });
});

describe("uploads", () => {
  const pdf = "%PDF-1.4\n1 0 obj\n";
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

  it("stores a deliverable under a generated key, keeps a path-like name only as metadata", async () => {
    const { client } = await registerUser(server);
    const id = await createDraft(client, filesTweep);
    const answer = await upload(client, `/api/v1/tweeps/${id}/files`, "../../etc/passwd.pdf", "application/pdf", pdf);
    expect(answer.status, answer.text).toBe(201);
    const [row] = await server.ctx.db.select().from(tweepFiles).where(eq(tweepFiles.tweepId, id));
    expect(row).toMatchObject({ kind: "deliverable", fileName: "passwd.pdf", contentType: "application/pdf", sizeBytes: pdf.length });
    expect(row!.storageKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    const stored = await server.ctx.storage.read(row!.storageKey);
    const chunks: Buffer[] = [];
    for await (const chunk of stored) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).toString()).toBe(pdf);
  });

  it("refuses a bad type (415), a mismatched name, a fourth file (409) and a tweep that is not files", async () => {
    const { client } = await registerUser(server);
    const id = await createDraft(client, filesTweep);
    const path = `/api/v1/tweeps/${id}/files`;
    expect((await upload(client, path, "run.exe", "application/octet-stream", "MZ")).status).toBe(415);
    expect((await upload(client, path, "fake.pdf", "application/pdf", "MZ not a pdf")).status).toBe(415);
    expect((await upload(client, path, "notes.pdf", "text/plain", "hello")).status).toBe(415);
    for (const name of ["a.txt", "b.txt", "c.txt"]) expect((await upload(client, path, name, "text/plain", "hi")).status).toBe(201);
    const fourth = await upload(client, path, "d.txt", "text/plain", "hi");
    expect(fourth.status).toBe(409);
    expect(await server.ctx.db.select().from(tweepFiles).where(eq(tweepFiles.tweepId, id))).toHaveLength(3);

    const [first] = await server.ctx.db.select().from(tweepFiles).where(eq(tweepFiles.tweepId, id));
    const deleted = await client.request("DELETE", `/api/v1/tweeps/${id}/files/${first!.id}`);
    expect(deleted.status).toBe(204);
    expect((await server.ctx.db.select().from(tweepFiles).where(eq(tweepFiles.id, first!.id)))[0]!.deletedAt).toBeInstanceOf(Date);
    expect((await upload(client, path, "d.txt", "text/plain", "hi")).status).toBe(201);

    const consultationId = await createDraft(client);
    expect((await upload(client, `/api/v1/tweeps/${consultationId}/files`, "a.txt", "text/plain", "hi")).status).toBe(400);
  });

  it("refuses a file over 20 MB with 413 and stores nothing", async () => {
    const { client } = await registerUser(server);
    const id = await createDraft(client, filesTweep);
    const big = new Uint8Array(20 * 1024 * 1024 + 1).fill(65);
    const answer = await upload(client, `/api/v1/tweeps/${id}/files`, "big.txt", "text/plain", big);
    expect(answer.status).toBe(413);
    expect(await server.ctx.db.select().from(tweepFiles).where(eq(tweepFiles.tweepId, id))).toHaveLength(0);
  });

  it("accepts multipart only on upload routes, and never from another site", async () => {
    const { client } = await registerUser(server);
    const id = await createDraft(client, filesTweep);
    const elsewhere = await upload(client, `/api/v1/tweeps/${id}/files`, "a.txt", "text/plain", "hi", { origin: "https://evil.example" });
    expect(elsewhere.status).toBe(403);
    const form = new FormData();
    form.append("type", "files");
    const notUpload = await fetch(`${client.baseUrl}/api/v1/tweeps`, {
      method: "POST",
      body: form,
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    expect(notUpload.status).toBe(415);
    expect(await server.ctx.db.select().from(tweepFiles).where(eq(tweepFiles.tweepId, id))).toHaveLength(0);
  });

  it("serves the cover to the owner, to anyone once published, and a new cover waits for moderation", async () => {
    const { client } = await registerUser(server);
    const moderator = await moderatorClient();
    const id = await createDraft(client);
    expect((await upload(client, `/api/v1/tweeps/${id}/cover`, "cover.gif", "image/gif", "GIF89a")).status).toBe(415);
    const set = await upload(client, `/api/v1/tweeps/${id}/cover`, "cover.png", "image/png", png);
    expect(set.status, set.text).toBe(201);
    expect(set.json.file.appliesTo).toBe("tweep");
    const anonymous = server.client();
    expect((await anonymous.get(`/api/v1/tweeps/${id}/cover`)).status).toBe(404);
    const own = await fetch(`${client.baseUrl}/api/v1/tweeps/${id}/cover`, {
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await own.arrayBuffer())).toEqual(png);

    await client.post(`/api/v1/tweeps/${id}/submit`);
    await moderator.post(`/api/v1/moderation/tweeps/${id}/approve`);
    const coverBefore = (await readTweep(id)).coverFileId;
    const publicCover = await fetch(`${client.baseUrl}/api/v1/tweeps/${id}/cover`);
    expect(publicCover.status).toBe(200);
    const second = await upload(client, `/api/v1/tweeps/${id}/cover`, "new.png", "image/png", png);
    expect(second.json.file.appliesTo).toBe("pending_revision");
    expect((await readTweep(id)).coverFileId).toBe(coverBefore);
    await moderator.post(`/api/v1/moderation/tweeps/${id}/approve`);
    expect((await readTweep(id)).coverFileId).toBe(second.json.file.id);
  });
});

describe("region", () => {
  // Each run its own place names: the catalog is shared by the file's tests.
  const place = (name: string) => `${name}-${crypto.randomUUID().slice(0, 8)}`;
  const catalogIds = async (region: string) => {
    const found = await server.client().get(`/api/v1/tweeps?region=${encodeURIComponent(region)}&pageSize=50`);
    expect(found.status).toBe(200);
    return found.json.items.map((item: { id: string }) => item.id) as string[];
  };

  it("is set on create and edit, moderated like the other content, and the catalog filter prefers it to the provider's", async () => {
    const [moscow, kazan, tver] = [place("Moscow"), place("Kazan"), place("Tver")];
    const { client, user } = await registerUser(server);
    const moderator = await moderatorClient();
    await client.patch("/api/v1/me/profile", { region: moscow });

    const own = await createDraft(client, { ...consultation, region: `  ${kazan}  ` });
    expect((await client.get(`/api/v1/tweeps/${own}`)).json.tweep.region).toBe(kazan);
    const inherits = await createDraft(client);
    expect((await client.get(`/api/v1/tweeps/${inherits}`)).json.tweep.region).toBeUndefined();
    for (const id of [own, inherits]) {
      await client.post(`/api/v1/tweeps/${id}/submit`);
      expect((await moderator.post(`/api/v1/moderation/tweeps/${id}/approve`)).status).toBe(200);
    }
    expect((await server.client().get(`/api/v1/tweeps/${own}`)).json.tweep).toMatchObject({ region: kazan, providerId: user.id });

    // The tweep's own region wins; a tweep without one falls back to its provider's.
    expect(await catalogIds(kazan.toUpperCase())).toEqual([own]);
    expect(await catalogIds(moscow)).toEqual([inherits]);

    // An edit of the published tweep waits for moderation; the catalog keeps the approved region.
    const edit = await client.patch(`/api/v1/tweeps/${own}`, { region: tver });
    expect(edit.status).toBe(200);
    expect(edit.json.pendingRevision).toMatchObject({ status: "pending", region: tver });
    expect(await catalogIds(tver)).toEqual([]);
    expect(await catalogIds(kazan)).toEqual([own]);
    expect((await moderator.post(`/api/v1/moderation/tweeps/${own}/approve`)).status).toBe(200);
    expect(await catalogIds(tver)).toEqual([own]);
    expect(await catalogIds(kazan)).toEqual([]);

    // Clearing it (null or blank) hands the filter back to the provider's region.
    const cleared = await client.patch(`/api/v1/tweeps/${own}`, { region: null });
    expect(cleared.json.pendingRevision.region).toBeUndefined();
    await moderator.post(`/api/v1/moderation/tweeps/${own}/approve`);
    expect((await readTweep(own)).region).toBeNull();
    expect((await catalogIds(moscow)).sort()).toEqual([own, inherits].sort());
  });

  it("refuses a region that is too long or holds control characters, changing nothing", async () => {
    const { client } = await registerUser(server);
    const id = await createDraft(client, { ...consultation, region: "Perm" });
    for (const region of ["x".repeat(101), "Perm\u0000", "Perm\nKazan"]) {
      const created = await client.post("/api/v1/tweeps", { ...consultation, region });
      expect(created.status).toBe(400);
      expect(created.json.error.code).toBeTypeOf("string");
      const edited = await client.patch(`/api/v1/tweeps/${id}`, { region });
      expect(edited.status).toBe(400);
    }
    expect((await readTweep(id)).region).toBe("Perm");
    // Blank is no region at all.
    expect((await client.patch(`/api/v1/tweeps/${id}`, { region: "   " })).status).toBe(200);
    expect((await readTweep(id)).region).toBeNull();
  });
});
