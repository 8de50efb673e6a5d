import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../tests/fixtures/test-server.ts";
import { openConsultationOrderRow, publishedTweepRow, userRow } from "./row-factory.ts";
import { orders, tweeps, users } from "./schema.ts";

// The rows the seed, benches and tests build are complete: the database (either tier)
// takes them as they are, and the catalog lists the tweep.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe("the row factory", () => {
  it("builds a user, a published tweep and an open order the database accepts and the catalog lists", async () => {
    const { db } = server.ctx;
    const [provider] = await db.insert(users).values(userRow("+79980000001", { name: "Factory provider" })).returning();
    const [customer] = await db.insert(users).values(userRow("+79980000002")).returning();
    const [tweep] = await db
      .insert(tweeps)
      .values(publishedTweepRow(provider!.id, { title: { en: "Factory-made advice" }, videoPriceMinor: 1_000n }))
      .returning();
    const [order] = await db.insert(orders).values(openConsultationOrderRow(tweep!, customer!.id, 1_000n)).returning();

    expect(tweep).toMatchObject({ status: "published", type: "consultation", providerId: provider!.id });
    expect(order).toMatchObject({ status: "open", tweepId: tweep!.id, customerId: customer!.id, providerId: provider!.id, priceMinor: 1_000n, medium: "video" });
    const listed = await server.client().get("/api/v1/tweeps?q=factory");
    expect(listed.json.items.map((item: { id: string }) => item.id)).toContain(tweep!.id);
    expect((await db.select().from(users).where(eq(users.id, customer!.id)))[0]!.passwordHash).toBeNull();
  });

  it("lets a caller override any column", () => {
    expect(publishedTweepRow("p", { type: "files", status: "draft", category: "law" })).toMatchObject({ type: "files", status: "draft", category: "law", providerId: "p" });
  });
});
