import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../db/schema.ts";
import { registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

async function readRow(userId: string) {
  const [row] = await server.ctx.db
    .select({ timeZone: users.availabilityTimeZone, hours: users.availabilityHours })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

describe("PUT /api/v1/me/availability", () => {
  it("saves the grid in its zone; the provider endpoints read it back", async () => {
    const provider = await registerUser(server);
    const before = await server.client().get(`/api/v1/providers/${provider.user.id}`);
    expect(before.status, before.text).toBe(200);
    expect(before.json.provider.availability).toEqual({ timeZone: null, hours: [] });

    const saved = await provider.client.request("PUT", "/api/v1/me/availability", { timeZone: "Asia/Kolkata", hours: [35, 9, 10, 167, 0] });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.availability).toEqual({ timeZone: "Asia/Kolkata", hours: [0, 9, 10, 35, 167] });
    expect(await readRow(provider.user.id)).toEqual({ timeZone: "Asia/Kolkata", hours: [0, 9, 10, 35, 167] });

    const anonymous = server.client();
    const page = await anonymous.get(`/api/v1/providers/${provider.user.id}`);
    expect(page.json.provider.availability).toEqual({ timeZone: "Asia/Kolkata", hours: [0, 9, 10, 35, 167] });
    const grid = await anonymous.get(`/api/v1/providers/${provider.user.id}/availability`);
    expect(grid.status, grid.text).toBe(200);
    expect(grid.json).toEqual({ availability: { timeZone: "Asia/Kolkata", hours: [0, 9, 10, 35, 167] } });

    // The whole grid is replaced, and an empty one is a valid "no hours".
    const cleared = await provider.client.request("PUT", "/api/v1/me/availability", { timeZone: "Europe/Moscow", hours: [] });
    expect(cleared.status, cleared.text).toBe(200);
    expect(await readRow(provider.user.id)).toEqual({ timeZone: "Europe/Moscow", hours: [] });
  });

  it("takes a full week of 168 hours", async () => {
    const provider = await registerUser(server);
    const all = Array.from({ length: 168 }, (_, index) => 167 - index);
    const saved = await provider.client.request("PUT", "/api/v1/me/availability", { timeZone: "UTC", hours: all });
    expect(saved.status, saved.text).toBe(200);
    expect((await readRow(provider.user.id))?.hours).toEqual([...all].reverse());
  });

  it.each([
    ["an unknown zone", { timeZone: "Mars/Olympus_Mons", hours: [1] }, "timeZone"],
    ["a UTC offset instead of a zone", { timeZone: "+03:00", hours: [1] }, "timeZone"],
    ["an empty zone", { timeZone: "", hours: [1] }, "timeZone"],
    ["hour 168", { timeZone: "Europe/Moscow", hours: [1, 168] }, "hours"],
    ["a negative hour", { timeZone: "Europe/Moscow", hours: [-1] }, "hours"],
    ["a fractional hour", { timeZone: "Europe/Moscow", hours: [9.5] }, "hours"],
    ["an hour as a string", { timeZone: "Europe/Moscow", hours: ["9"] }, "hours"],
    ["a repeated hour", { timeZone: "Europe/Moscow", hours: [9, 10, 9] }, "hours"],
    ["more than 168 hours", { timeZone: "Europe/Moscow", hours: Array.from({ length: 169 }, (_, index) => index % 168) }, "hours"],
    ["no hours field", { timeZone: "Europe/Moscow" }, "hours"],
    ["an unknown field", { timeZone: "Europe/Moscow", hours: [1], note: "x" }, "note"],
  ])("refuses %s with 400 and changes nothing", async (_name, body, named) => {
    const provider = await registerUser(server);
    const first = await provider.client.request("PUT", "/api/v1/me/availability", { timeZone: "Europe/Berlin", hours: [9, 10] });
    expect(first.status, first.text).toBe(200);

    const refused = await provider.client.request("PUT", "/api/v1/me/availability", body);
    expect(refused.status, refused.text).toBe(400);
    expect(refused.json.error.code).toBe("validation_failed");
    expect(refused.json.error.message).toEqual(expect.any(String));
    // The error names what was wrong, in its message or its details.
    expect(refused.text).toContain(named);
    expect(await readRow(provider.user.id)).toEqual({ timeZone: "Europe/Berlin", hours: [9, 10] });
  });

  it("refuses anonymous requests with 401", async () => {
    const refused = await server.client().request("PUT", "/api/v1/me/availability", { timeZone: "Europe/Moscow", hours: [1] });
    expect(refused.status, refused.text).toBe(401);
    expect(refused.json.error.code).toBe("unauthenticated");
  });

  it("is 404 for a provider that does not exist", async () => {
    const missing = await server.client().get("/api/v1/providers/00000000-0000-4000-8000-000000000000/availability");
    expect(missing.status, missing.text).toBe(404);
    expect(missing.json.error.code).toBe("not_found");
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await server.client().get("/api/v1/openapi.json")).json;
    expect(doc.paths["/me/availability"].put.requestBody.content["application/json"].schema).toBeDefined();
    expect(doc.paths["/providers/{id}/availability"].get).toBeDefined();
    expect(doc.components.schemas.Provider.properties.availability).toBeDefined();
    expect(doc.components.schemas.AvailabilityChange.properties.hours.items).toMatchObject({ minimum: 0, maximum: 167 });
  });
});
