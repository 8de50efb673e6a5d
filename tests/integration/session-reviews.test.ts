import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openConsultationOrderRow, publishedTweepRow } from "../../db/row-factory.ts";
import { consultationSessions, orders, reviews, tweeps } from "../../db/schema.ts";
import { registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// The tests move this clock; the server reads it through ctx.now() (docs/architecture.md rule 4).
let clock = Date.now();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { now: () => new Date(clock), rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } });
});
afterAll(async () => {
  await server?.stop();
});

const DAY = 24 * 60 * 60_000;

/** A provider and a customer with a consultation order and one session of theirs that ended just now. */
async function endedSession(overrides: Partial<typeof consultationSessions.$inferInsert> = {}) {
  const provider = await registerUser(server);
  const customer = await registerUser(server);
  const stranger = await registerUser(server);
  const [tweep] = await server.ctx.db.insert(tweeps).values(publishedTweepRow(provider.user.id, { videoPriceMinor: 10_000n })).returning();
  const [order] = await server.ctx.db.insert(orders).values(openConsultationOrderRow(tweep!, customer.user.id, 10_000n)).returning();
  const endedAt = new Date(clock);
  const [session] = await server.ctx.db
    .insert(consultationSessions)
    .values({
      orderId: order!.id,
      customerId: customer.user.id,
      providerId: provider.user.id,
      medium: "video",
      status: "ended",
      blockPriceMinor: 10_000n,
      ringExpiresAt: new Date(clock - 20 * 60_000),
      answeredAt: new Date(clock - 19 * 60_000),
      clockStartedAt: new Date(clock - 19 * 60_000),
      blocksCharged: 2,
      endedAt,
      endReason: "customer_ended",
      ...overrides,
    })
    .returning();
  return { provider, customer, stranger, tweep: tweep!, order: order!, session: session!, endedAt };
}

async function providerFacts(providerId: string) {
  const answer = await server.client().get(`/api/v1/providers/${providerId}`);
  expect(answer.status).toBe(200);
  return answer.json.provider;
}

const reviewsOf = (sessionId: string) => server.ctx.db.select().from(reviews).where(eq(reviews.sessionId, sessionId));

describe("reviews of consultation sessions (SPEC 18)", () => {
  it("keeps each review hidden from the other party until both are written, then shows both and counts the customer's in the rating", async () => {
    const { provider, customer, session, tweep } = await endedSession();
    const path = `/api/v1/sessions/${session.id}/reviews`;

    const first = await customer.client.post(path, { rating: 5, text: "Clear and patient." });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ role: "customer", canReview: false, mine: { rating: 5, text: "Clear and patient.", authorRole: "customer" }, mineShown: false, theirs: null, theirsWritten: false });

    // The provider learns that a review exists, not what it says; the rating does not move yet.
    clock += 60_000;
    const blind = await provider.client.get(path);
    expect(blind.json).toMatchObject({ role: "provider", canReview: true, mine: null, theirs: null, theirsWritten: true });
    expect(JSON.stringify(blind.json)).not.toContain("Clear and patient.");
    expect(await providerFacts(provider.user.id)).toMatchObject({ ratingAverage: null, ratingCount: 0 });
    expect((await providerFacts(provider.user.id)).profile.reviews).toEqual([]);

    const second = await provider.client.post(path, { rating: 4, text: "Came prepared." });
    expect(second.status).toBe(201);
    expect(second.json).toMatchObject({ mine: { rating: 4, authorRole: "provider" }, mineShown: true, theirs: { rating: 5, text: "Clear and patient." } });
    const seen = await customer.client.get(path);
    expect(seen.json).toMatchObject({ mineShown: true, theirs: { rating: 4, text: "Came prepared.", authorRole: "provider" } });

    // The provider's rating counts the customer's review only, never the provider's review of the customer.
    const profile = await providerFacts(provider.user.id);
    expect(profile).toMatchObject({ ratingAverage: 5, ratingCount: 1 });
    expect(profile.profile.reviews.map((r: { body: string }) => r.body)).toEqual(["Clear and patient."]);
    expect((await server.client().get(`/api/v1/tweeps/${tweep.id}`)).json.tweep).toMatchObject({ ratingAverage: 5, ratingCount: 1 });
  });

  it("shows a lone review 7 days after the session ended, and the window to write one closes then", async () => {
    const { provider, customer, session, endedAt } = await endedSession();
    const path = `/api/v1/sessions/${session.id}/reviews`;
    expect((await customer.client.post(path, { rating: 2, text: "Late and distracted." })).status).toBe(201);
    expect((await provider.client.get(path)).json.reviewUntil).toBe(new Date(endedAt.getTime() + 7 * DAY).toISOString());

    clock = endedAt.getTime() + 7 * DAY - 1;
    expect((await provider.client.get(path)).json).toMatchObject({ theirs: null, canReview: true });
    expect(await providerFacts(provider.user.id)).toMatchObject({ ratingCount: 0 });

    clock = endedAt.getTime() + 7 * DAY;
    expect((await provider.client.get(path)).json).toMatchObject({ theirs: { rating: 2, text: "Late and distracted." }, canReview: false });
    expect((await customer.client.get(path)).json).toMatchObject({ mineShown: true });
    expect(await providerFacts(provider.user.id)).toMatchObject({ ratingAverage: 2, ratingCount: 1 });

    // Having read it, the provider can no longer answer with a review of their own.
    const late = await provider.client.post(path, { rating: 1, text: "Retaliation." });
    expect([late.status, late.json.error.code]).toEqual([409, "invalid_state"]);
    expect(await reviewsOf(session.id)).toHaveLength(1);
  });

  it("two reviews written at the same instant show each other (the session is locked while one is written)", async () => {
    const { provider, customer, session } = await endedSession();
    const path = `/api/v1/sessions/${session.id}/reviews`;
    const answers = await Promise.all([customer.client.post(path, { rating: 5, text: "Both at once." }), provider.client.post(path, { rating: 5, text: "Same." })]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    expect((await customer.client.get(path)).json).toMatchObject({ theirs: { text: "Same." }, mineShown: true });
    expect((await provider.client.get(path)).json).toMatchObject({ theirs: { text: "Both at once." }, mineShown: true });
  });

  it("takes one review per side per session", async () => {
    const { provider, customer, session } = await endedSession();
    const path = `/api/v1/sessions/${session.id}/reviews`;
    expect((await customer.client.post(path, { rating: 4, text: "Good." })).status).toBe(201);
    const again = await customer.client.post(path, { rating: 1, text: "Changed my mind." });
    expect([again.status, again.json.error.code]).toEqual([409, "conflict"]);
    expect((await provider.client.post(path, { rating: 5, text: "Great customer." })).status).toBe(201);
    expect((await provider.client.post(path, { rating: 5, text: "Twice." })).status).toBe(409);
    const rows = await reviewsOf(session.id);
    expect(rows.map((row) => [row.authorRole, row.rating]).sort()).toEqual([
      ["customer", 4],
      ["provider", 5],
    ]);
  });

  it("rates the provider over consultation reviews together with work reviews and refusals", async () => {
    const { provider, customer, session } = await endedSession();
    // A second session of the same order, reviewed too: each session is its own review.
    const other = await endedSession();
    const [second] = await server.ctx.db
      .insert(consultationSessions)
      .values({ ...other.session, id: undefined, orderId: session.orderId, customerId: customer.user.id, providerId: provider.user.id, createdAt: undefined })
      .returning();
    await customer.client.post(`/api/v1/sessions/${session.id}/reviews`, { rating: 5, text: "One." });
    await provider.client.post(`/api/v1/sessions/${session.id}/reviews`, { rating: 3, text: "Fine." });
    await customer.client.post(`/api/v1/sessions/${second!.id}/reviews`, { rating: 2, text: "Two." });
    await provider.client.post(`/api/v1/sessions/${second!.id}/reviews`, { rating: 5, text: "Fine." });
    // A work review of the same provider already on record (the existing kind of review).
    const [work] = await server.ctx.db.insert(tweeps).values(publishedTweepRow(provider.user.id, { type: "work", priceMinor: 5_000n })).returning();
    const [workOrder] = await server.ctx.db
      .insert(orders)
      .values({ ...openConsultationOrderRow(work!, customer.user.id, 5_000n), type: "work", medium: null, status: "accepted" })
      .returning();
    await server.ctx.db.insert(reviews).values({ orderId: workOrder!.id, customerId: customer.user.id, providerId: provider.user.id, rating: 4, body: "Work." });
    // (5 + 2 + 4) / 3
    expect(await providerFacts(provider.user.id)).toMatchObject({ ratingAverage: 3.67, ratingCount: 3 });
    // A refused work order counts as a one-star review, as before: (5 + 2 + 4 + 1) / 4.
    await server.ctx.db.insert(orders).values({ ...openConsultationOrderRow(work!, customer.user.id, 5_000n), type: "work", medium: null, status: "refused" });
    expect(await providerFacts(provider.user.id)).toMatchObject({ ratingAverage: 3, ratingCount: 3 });
    // The catalog's rating sort reads the same figures.
    const catalog = await server.client().get(`/api/v1/tweeps?sort=rating&pageSize=50`);
    const listed = catalog.json.items.find((item: { providerId: string }) => item.providerId === provider.user.id);
    expect(listed).toMatchObject({ ratingAverage: 3, ratingCount: 3 });
  });

  it("refuses bad input, strangers and sessions that cannot be reviewed with a 4xx, changing nothing", async () => {
    const { customer, provider, stranger, session } = await endedSession();
    const path = `/api/v1/sessions/${session.id}/reviews`;
    for (const body of [
      { rating: 0, text: "x" },
      { rating: 6, text: "x" },
      { rating: 3.5, text: "x" },
      { rating: "5", text: "x" },
      { rating: 5 },
      { rating: 5, text: "   " },
      { rating: 5, text: "x".repeat(4001) },
      { rating: 5, text: "bad\u0000byte" },
      { rating: 5, text: "ok", extra: true },
    ]) {
      const refused = await customer.client.post(path, body);
      expect([refused.status, refused.json.error.code], JSON.stringify(body).slice(0, 60)).toEqual([400, "validation_failed"]);
    }
    expect((await customer.client.post(path, { rating: 5, text: "x".repeat(4000) })).status).toBe(201);
    await server.ctx.db.delete(reviews).where(eq(reviews.sessionId, session.id));

    // Not a party: the session does not exist for them.
    const notParty = await stranger.client.post(path, { rating: 1, text: "Never met them." });
    expect([notParty.status, notParty.json.error.code]).toEqual([404, "not_found"]);
    expect((await stranger.client.get(path)).status).toBe(404);
    expect((await server.client().post(path, { rating: 1, text: "Anonymous." })).status).toBe(401);

    // No paid block, void, still live: nothing to review.
    const unpaid = await endedSession({ blocksCharged: 0 });
    const voided = await endedSession({ blocksCharged: 1, void: true });
    const credited = await endedSession({ blocksCharged: 1, blocksCredited: 1 });
    const live = await endedSession({ status: "live", endedAt: null, endReason: null });
    for (const { customer: who, session: s } of [unpaid, voided, credited, live]) {
      const refused = await who.client.post(`/api/v1/sessions/${s.id}/reviews`, { rating: 5, text: "Hm." });
      expect([refused.status, refused.json.error.code]).toEqual([409, "invalid_state"]);
      expect((await who.client.get(`/api/v1/sessions/${s.id}/reviews`)).json).toMatchObject({ reviewable: false, canReview: false });
      expect(await reviewsOf(s.id)).toHaveLength(0);
    }
    expect(await reviewsOf(session.id)).toHaveLength(0);
    expect((await provider.client.get(path)).json).toMatchObject({ canReview: true, theirsWritten: false });
  });
});
