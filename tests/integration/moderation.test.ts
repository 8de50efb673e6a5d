import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moderationDecisions, tweepRevisions, tweeps } from "../../db/schema.ts";
import { type ApiClient, makeAdmin, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } });
});
afterAll(() => server?.stop());

const work = {
  type: "work",
  languages: ["ru"],
  title: { ru: "Сделаю логотип" },
  description: { ru: "Три варианта за неделю" },
  category: "design",
  priceMinor: 300_000,
};

async function submitted(client: ApiClient) {
  const created = await client.post("/api/v1/tweeps", work);
  await client.post(`/api/v1/tweeps/${created.json.tweep.id}/submit`);
  return created.json.tweep.id as string;
}

async function moderator() {
  const registered = await registerUser(server);
  await makeAdmin(server, registered.user.id);
  return registered;
}

describe("moderation", () => {
  it("lists pending tweeps and pending edits oldest first, with the content to judge", async () => {
    const owner = await registerUser(server);
    const { client: mod } = await moderator();
    const first = await submitted(owner.client);
    const published = await submitted(owner.client);
    await mod.post(`/api/v1/moderation/tweeps/${published}/approve`);
    await owner.client.patch(`/api/v1/tweeps/${published}`, { priceMinor: 350_000 });
    const last = await submitted(owner.client);
    const draft = (await owner.client.post("/api/v1/tweeps", work)).json.tweep.id;

    const queue = await mod.get("/api/v1/moderation/tweeps");
    expect(queue.status).toBe(200);
    const mine = queue.json.items.filter((item: any) => [first, published, last, draft].includes(item.tweepId));
    expect(mine.map((item: any) => [item.tweepId, item.kind])).toEqual([
      [first, "submission"],
      [published, "revision"],
      [last, "submission"],
    ]);
    expect(mine[1].proposed).toMatchObject({ priceMinor: 350_000 });
    expect(mine[1].published).toMatchObject({ priceMinor: 300_000 });
    expect(mine[0].proposed.title).toEqual({ ru: "Сделаю логотип" });
  });

  it("refuses to decide an edit changed after the moderator opened it (409 revision_changed), changing nothing", async () => {
    const owner = await registerUser(server);
    const { client: mod } = await moderator();
    const id = await submitted(owner.client);
    const opened = (await mod.get("/api/v1/moderation/tweeps")).json.items.find((item: any) => item.tweepId === id);
    expect((await mod.post(`/api/v1/moderation/tweeps/${id}/approve`, { version: opened.version })).status).toBe(200);

    await owner.client.patch(`/api/v1/tweeps/${id}`, { priceMinor: 400_000 });
    const seen = (await mod.get("/api/v1/moderation/tweeps")).json.items.find((item: any) => item.tweepId === id);
    expect(seen).toMatchObject({ kind: "revision", version: expect.any(String) });
    // The provider edits again while the moderator reads the first edit.
    const edited = await owner.client.patch(`/api/v1/tweeps/${id}`, { priceMinor: 1 });
    expect(edited.status).toBe(200);
    expect(edited.json.pendingRevision.id).toBe(seen.revisionId);

    const revisionBefore = await server.ctx.db.select().from(tweepRevisions).where(eq(tweepRevisions.tweepId, id));
    const tweepBefore = await server.ctx.db.select().from(tweeps).where(eq(tweeps.id, id));
    for (const [decision, body] of [
      ["approve", { version: seen.version }],
      ["reject", { version: seen.version, reason: "Looks fine to me" }],
    ] as const) {
      const answer = await mod.post(`/api/v1/moderation/tweeps/${id}/${decision}`, body);
      expect([answer.status, answer.json.error.code], decision).toEqual([409, "revision_changed"]);
    }
    expect(await server.ctx.db.select().from(tweepRevisions).where(eq(tweepRevisions.tweepId, id))).toEqual(revisionBefore);
    expect(await server.ctx.db.select().from(tweeps).where(eq(tweeps.id, id))).toEqual(tweepBefore);
    expect(await server.ctx.db.select().from(moderationDecisions).where(eq(moderationDecisions.tweepId, id))).toHaveLength(1);

    // With the version now shown, the decision goes through.
    const fresh = (await mod.get("/api/v1/moderation/tweeps")).json.items.find((item: any) => item.tweepId === id);
    expect(fresh.version).not.toBe(seen.version);
    expect(fresh.proposed).toMatchObject({ priceMinor: 1 });
    const rejected = await mod.post(`/api/v1/moderation/tweeps/${id}/reject`, { version: fresh.version, reason: "A price of 0.01" });
    expect(rejected.status).toBe(200);
    expect((await mod.post(`/api/v1/moderation/tweeps/${id}/approve`, { version: "yesterday" })).status).toBe(400);
  });

  it("logs every decision with who, when, what and why, in the same transaction", async () => {
    const owner = await registerUser(server);
    const mod = await moderator();
    const approved = await submitted(owner.client);
    const rejected = await submitted(owner.client);
    await mod.client.post(`/api/v1/moderation/tweeps/${approved}/approve`);
    await owner.client.patch(`/api/v1/tweeps/${approved}`, { priceMinor: 1 });
    await mod.client.post(`/api/v1/moderation/tweeps/${approved}/reject`, { reason: "A price of 0.01 is a mistake" });
    await owner.client.patch(`/api/v1/tweeps/${approved}`, { priceMinor: 320_000 });
    await mod.client.post(`/api/v1/moderation/tweeps/${approved}/approve`);
    await mod.client.post(`/api/v1/moderation/tweeps/${rejected}/reject`, { reason: "  Duplicate  " });

    const rows = await server.ctx.db.select().from(moderationDecisions).where(eq(moderationDecisions.tweepId, approved));
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.moderatorId === mod.user.id && row.createdAt instanceof Date)).toBe(true);
    const revisions = await server.ctx.db.select().from(tweepRevisions).where(eq(tweepRevisions.tweepId, approved));
    expect(revisions.map((r) => r.status).sort()).toEqual(["approved", "rejected"]);
    expect(rows.filter((row) => row.revisionId !== null)).toHaveLength(2);
    expect((await server.ctx.db.select().from(tweeps).where(eq(tweeps.id, approved)))[0]).toMatchObject({ status: "published", priceMinor: 320_000n });
    expect((await server.ctx.db.select().from(tweeps).where(eq(tweeps.id, rejected)))[0]).toMatchObject({ status: "rejected", rejectionReason: "Duplicate" });

    const log = await mod.client.get(`/api/v1/moderation/decisions?tweepId=${approved}`);
    expect(log.json.items.map((item: any) => [item.decision, item.reason])).toEqual([
      ["approve", null],
      ["reject", "A price of 0.01 is a mistake"],
      ["approve", null],
    ]);
  });

  it("requires a reason of 1–1000 characters to reject, and changes nothing otherwise", async () => {
    const owner = await registerUser(server);
    const { client: mod } = await moderator();
    const id = await submitted(owner.client);
    for (const body of [{}, { reason: "" }, { reason: "   " }, { reason: "x".repeat(1001) }, { reason: "ok", extra: 1 }]) {
      const answer = await mod.post(`/api/v1/moderation/tweeps/${id}/reject`, body);
      expect(answer.status).toBe(400);
    }
    expect((await server.ctx.db.select().from(tweeps).where(eq(tweeps.id, id)))[0]!.status).toBe("pending");
    expect(await server.ctx.db.select().from(moderationDecisions).where(eq(moderationDecisions.tweepId, id))).toHaveLength(0);
  });

  it("decides once when two moderators approve at the same time", async () => {
    const owner = await registerUser(server);
    const a = await moderator();
    const b = await moderator();
    const id = await submitted(owner.client);
    const answers = await Promise.all([a.client, b.client].map((client) => client.post(`/api/v1/moderation/tweeps/${id}/approve`)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(await server.ctx.db.select().from(moderationDecisions).where(eq(moderationDecisions.tweepId, id))).toHaveLength(1);
  });

  it("lets no moderator decide on their own tweep", async () => {
    const mod = await moderator();
    const id = await submitted(mod.client);
    expect((await mod.client.post(`/api/v1/moderation/tweeps/${id}/approve`)).status).toBe(403);
    expect((await server.ctx.db.select().from(tweeps).where(eq(tweeps.id, id)))[0]!.status).toBe("pending");
    expect(await server.ctx.db.select().from(moderationDecisions).where(eq(moderationDecisions.tweepId, id))).toHaveLength(0);
  });

  it("answers 404 for an unknown tweep", async () => {
    const { client: mod } = await moderator();
    expect((await mod.post("/api/v1/moderation/tweeps/00000000-0000-4000-8000-000000000000/approve")).status).toBe(404);
  });
});
