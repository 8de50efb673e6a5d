import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders, reviews, tweeps, users } from "../../db/schema.ts";
import { makeAdmin, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } });
});
afterAll(() => server?.stop());

/** A made-up word only one test uses, so each test sees its own tweeps in the shared catalog. */
const marker = () => `mk${randomBytes(5).toString("hex").replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)]!)}`;

let phoneCounter = 0;
async function provider(status: "available" | "busy" | "not_set" = "not_set") {
  const [user] = await server.ctx.db
    .insert(users)
    .values({ phone: `+7000${Date.now() % 1_000_000}${phoneCounter++}`, name: `Provider ${phoneCounter}`, providerStatus: status })
    .returning();
  return user!.id;
}

type Row = typeof tweeps.$inferInsert;
let clock = Date.UTC(2026, 0, 1);
async function publish(providerId: string, word: string, overrides: Partial<Row> = {}) {
  const [row] = await server.ctx.db
    .insert(tweeps)
    .values({
      providerId,
      type: "work",
      status: "published",
      languages: ["en"],
      title: { en: `Service ${word}` },
      description: { en: "Something useful" },
      category: "other",
      priceMinor: 100_000n,
      publishedAt: new Date((clock += 60_000)),
      ...overrides,
    })
    .returning();
  return row!.id;
}

const search = async (query: Record<string, string | number | boolean>) => {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const answer = await server.client().get(`/api/v1/tweeps?${params}`);
  expect(answer.status, answer.text).toBe(200);
  return answer.json as { items: any[]; total: number; page: number; pageSize: number };
};
const ids = (result: { items: { id: string }[] }) => result.items.map((item) => item.id);

describe("full-text search", () => {
  it("finds Russian words in other cases: консультации and консультацию find консультация", async () => {
    const p = await provider();
    const id = await publish(p, "x", {
      languages: ["ru"],
      title: { ru: "Консультация семейного психолога" },
      description: { ru: "Помогу разобраться в отношениях" },
    });
    expect(ids(await search({ q: "консультации" }))).toContain(id);
    expect(ids(await search({ q: "консультацию" }))).toContain(id);
    expect(ids(await search({ q: "психологов" }))).toContain(id);
    expect(ids(await search({ q: "бухгалтерия" }))).not.toContain(id);
  });

  it("treats a query of stop words only as no query: it finds everything, not nothing", async () => {
    const p = await provider();
    const id = await publish(p, marker());
    const everything = await search({ pageSize: 50 });
    expect(everything.total).toBeGreaterThan(0);
    for (const q of ["the", "и", "в", "the and of", "и в на"]) {
      const found = await search({ q, pageSize: 50 });
      expect(found.total, q).toBe(everything.total);
      expect(ids(found), q).toEqual(ids(everything));
    }
    expect(ids(await search({ q: "the", pageSize: 50 }))).toContain(id);
    // Words that carry meaning still narrow the search.
    expect((await search({ q: "the gardening" })).total).toBeLessThan(everything.total);
  });

  it("finds English words by their stem: consulting finds consultation", async () => {
    const p = await provider();
    const id = await publish(p, "x", { title: { en: "Tax consultation for freelancers" } });
    expect(ids(await search({ q: "consulting" }))).toContain(id);
    expect(ids(await search({ q: "freelancer" }))).toContain(id);
    expect(ids(await search({ q: "gardening" }))).not.toContain(id);
  });

  it("searches descriptions too, in both languages of a bilingual tweep", async () => {
    const word = marker();
    const p = await provider();
    const id = await publish(p, "x", {
      languages: ["ru", "en"],
      title: { ru: "Ремонт", en: "Repair" },
      description: { ru: `Починю ${word} быстро`, en: "Quick repair of kitchens" },
    });
    expect(ids(await search({ q: word }))).toEqual([id]);
    expect(ids(await search({ q: "kitchen" }))).toContain(id);
  });

  it("shows only published tweeps: never drafts, pending, rejected or archived", async () => {
    const word = marker();
    const p = await provider();
    const published = await publish(p, word);
    for (const status of ["draft", "pending", "rejected", "archived"] as const) await publish(p, word, { status });
    const result = await search({ q: word });
    expect(ids(result)).toEqual([published]);
    expect(result.total).toBe(1);
    expect(ids(await search({ pageSize: 50, sort: "newest" })).length).toBeGreaterThan(0);
    const everything = await search({ q: word, pageSize: 50 });
    expect(everything.items.every((item) => item.status === "published")).toBe(true);
  });

  it("keeps showing the approved content while an edit waits for moderation", async () => {
    const oldWord = marker();
    const newWord = marker();
    const owner = await registerUser(server);
    const mod = await registerUser(server);
    await makeAdmin(server, mod.user.id);
    const created = await owner.client.post("/api/v1/tweeps", {
      type: "work",
      languages: ["en"],
      title: { en: `Logo ${oldWord}` },
      description: { en: "Three drafts in a week" },
      category: "design",
      priceMinor: 200_000,
    });
    const id = created.json.tweep.id;
    await owner.client.post(`/api/v1/tweeps/${id}/submit`);
    expect(ids(await search({ q: oldWord }))).toEqual([]);
    await mod.client.post(`/api/v1/moderation/tweeps/${id}/approve`);
    expect(ids(await search({ q: oldWord }))).toEqual([id]);

    await owner.client.patch(`/api/v1/tweeps/${id}`, { title: { en: `Logo ${newWord}` }, priceMinor: 250_000 });
    const during = await search({ q: oldWord });
    expect(during.items).toEqual([expect.objectContaining({ id, title: { en: `Logo ${oldWord}` }, priceMinor: 200_000 })]);
    expect(ids(await search({ q: newWord }))).toEqual([]);
    expect((await server.client().get(`/api/v1/tweeps/${id}`)).json.tweep.title).toEqual({ en: `Logo ${oldWord}` });

    await mod.client.post(`/api/v1/moderation/tweeps/${id}/approve`);
    expect(ids(await search({ q: oldWord }))).toEqual([]);
    expect((await search({ q: newWord })).items).toEqual([expect.objectContaining({ id, priceMinor: 250_000 })]);
  });

  it("ranks by relevance by default when searching", async () => {
    const word = marker();
    const p = await provider();
    const weak = await publish(p, "x", { title: { en: "Gardening" }, description: { en: `Also ${word}` } });
    const strong = await publish(p, "x", { title: { en: `${word} ${word}` }, description: { en: `${word} ${word} ${word}` } });
    // The weak one is newer, so a sort that ignored relevance would put it first.
    await server.ctx.db.update(tweeps).set({ publishedAt: new Date(Date.UTC(2030, 0, 1)) }).where(eq(tweeps.id, weak));
    expect(ids(await search({ q: word }))).toEqual([strong, weak]);
    expect(ids(await search({ q: word, sort: "newest" }))).toEqual([weak, strong]);
  });
});

describe("filters", () => {
  it("filters by type, category and language", async () => {
    const word = marker();
    const p = await provider();
    const work = await publish(p, word, { category: "law", languages: ["ru", "en"], title: { ru: "Право", en: `Law ${word}` }, description: { ru: "Текст", en: "Text" } });
    const files = await publish(p, word, { type: "files", category: "law" });
    const consultation = await publish(p, word, { type: "consultation", priceMinor: null, videoPriceMinor: 1000n, category: "it" });
    expect(ids(await search({ q: word, type: "files" }))).toEqual([files]);
    expect(ids(await search({ q: word, type: "consultation" }))).toEqual([consultation]);
    expect(new Set(ids(await search({ q: word, category: "law" })))).toEqual(new Set([work, files]));
    expect(ids(await search({ q: word, lang: "ru" }))).toEqual([work]);
    expect((await search({ q: word, lang: "en" })).total).toBe(3);
  });

  it("filters by price, comparing a consultation's cheaper block price", async () => {
    const word = marker();
    const p = await provider();
    const cheapText = await publish(p, word, { type: "consultation", priceMinor: null, videoPriceMinor: 900n, textPriceMinor: 300n });
    const videoOnly = await publish(p, word, { type: "consultation", priceMinor: null, videoPriceMinor: 600n });
    const work = await publish(p, word, { priceMinor: 1_500n });
    expect(new Set(ids(await search({ q: word, maxPrice: 600 })))).toEqual(new Set([cheapText, videoOnly]));
    expect(ids(await search({ q: word, minPrice: 400, maxPrice: 1000 }))).toEqual([videoOnly]);
    expect(ids(await search({ q: word, minPrice: 1000 }))).toEqual([work]);
    expect(ids(await search({ q: word, sort: "price_asc" }))).toEqual([cheapText, videoOnly, work]);
    expect(ids(await search({ q: word, sort: "price_desc" }))).toEqual([work, videoOnly, cheapText]);
  });

  it("filters by providers available now: Available and on the site", async () => {
    const word = marker();
    const onSite = async (status: "available" | "busy" | "not_set") => {
      const id = await provider(status);
      // What a heartbeat from one of their pages records.
      await server.ctx.presence.touch(id, new Date(Date.now() + 60_000));
      return id;
    };
    const available = await publish(await onSite("available"), word);
    const away = await publish(await provider("available"), word);
    await publish(await onSite("busy"), word);
    await publish(await onSite("not_set"), word);
    const result = await search({ q: word, availableNow: true });
    expect(ids(result)).toEqual([available]);
    expect(result.items[0]).toMatchObject({ providerStatus: "available", providerOnline: true });
    const all = await search({ q: word, availableNow: false });
    expect(all.total).toBe(4);
    expect(all.items.find((item: { id: string }) => item.id === away)).toMatchObject({ providerStatus: "available", providerOnline: false });
  });

  it("sorts by rating: reviews and refusals (each a one-star review), unrated last", async () => {
    const word = marker();
    const good = await provider();
    const poor = await provider();
    const refuser = await provider();
    const unrated = await provider();
    const customer = await provider();
    const tGood = await publish(good, word);
    const tPoor = await publish(poor, word);
    const tRefuser = await publish(refuser, word);
    const tUnrated = await publish(unrated, word);
    const order = async (providerId: string, tweepId: string, status: "accepted" | "refused") =>
      (
        await server.ctx.db
          .insert(orders)
          .values({ tweepId, type: "work", status, customerId: customer, providerId, priceMinor: 100n, title: { en: "x" } })
          .returning()
      )[0]!;
    for (const [providerId, tweepId, ratings] of [
      [good, tGood, [5, 4]],
      [poor, tPoor, [2]],
      [refuser, tRefuser, [5]],
    ] as const) {
      for (const rating of ratings) {
        const accepted = await order(providerId, tweepId, "accepted");
        await server.ctx.db.insert(reviews).values({ orderId: accepted.id, customerId: customer, providerId, rating });
      }
    }
    // A plain average would rank the refuser (5.0) first; two refusals make it (5+1+1)/3.
    await order(refuser, tRefuser, "refused");
    await order(refuser, tRefuser, "refused");

    const result = await search({ q: word, sort: "rating" });
    expect(ids(result)).toEqual([tGood, tRefuser, tPoor, tUnrated]);
    expect(result.items.map((item) => [item.ratingAverage, item.ratingCount])).toEqual([
      [4.5, 2],
      [2.33, 1],
      [2, 1],
      [null, 0],
    ]);
    const page = await server.client().get(`/api/v1/providers/${refuser}`);
    expect(page.json.provider).toMatchObject({ id: refuser, ratingAverage: 2.33, ratingCount: 1, providerStatus: "not_set", tweepCount: 1 });
    expect(ids({ items: page.json.provider.tweeps })).toEqual([tRefuser]);
  });

  it("pages with totals, newest first by default", async () => {
    const word = marker();
    const p = await provider();
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push(await publish(p, word));
    const pages = await Promise.all([1, 2, 3].map((page) => search({ q: word, sort: "newest", page, pageSize: 3 })));
    expect(pages.map((page) => page.total)).toEqual([7, 7, 7]);
    expect(pages.map((page) => page.items.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap(ids)).toEqual(created.reverse());
    expect((await search({ q: word, page: 4, pageSize: 3 })).items).toEqual([]);
    const first = (await search({ pageSize: 50 })).items;
    expect(first.length).toBeLessThanOrEqual(50);
    expect(first[0]).toMatchObject({ providerName: expect.any(String), hasCover: false, ratingCount: expect.any(Number) });
  });

  it("refuses bad query values with 400 validation_failed", async () => {
    for (const query of [
      "pageSize=51",
      "pageSize=0",
      "page=0",
      "page=x",
      "sort=cheapest",
      "type=service",
      "category=astrology",
      "lang=de",
      "minPrice=-1",
      "minPrice=abc",
      "maxPrice=1.5",
      "minPrice=500&maxPrice=100",
      "availableNow=yes",
    ]) {
      const answer = await server.client().get(`/api/v1/tweeps?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.json.error.code, query).toBe("validation_failed");
    }
  });

  it("answers 404 for an unknown provider", async () => {
    expect((await server.client().get("/api/v1/providers/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});
