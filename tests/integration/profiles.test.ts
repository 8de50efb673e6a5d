import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consultationSessions } from "../../db/schema.ts";
import { cookieOf, publishConsultation } from "../fixtures/live-fixtures.ts";
import { publishWork } from "../fixtures/people-fixtures.ts";
import { makeAdmin, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { rateLimits: { rules: { codePerIp: { points: 10_000, durationSeconds: 3600 } } } });
});
afterAll(async () => {
  await server?.stop();
});

type Party = Awaited<ReturnType<typeof registerUser>>;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);

async function upload(party: Party, path: string, file: { name: string; type: string; bytes: Uint8Array }) {
  const form = new FormData();
  form.set("file", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type }));
  const response = await fetch(`${server.url}/api/v1${path}`, { method: "POST", headers: { cookie: cookieOf(party.client) }, body: form });
  return { status: response.status, json: (await response.json()) as any };
}
const photo = (party: Party) => upload(party, "/me/profile/photo", { name: "me.png", type: "image/png", bytes: PNG });

describe("provider profiles", () => {
  it("texts are saved at once; the photo is shown only after a moderator approves it", async () => {
    const provider = await registerUser(server);
    const moderator = await registerUser(server);
    const anonymous = server.client();
    await makeAdmin(server, moderator.user.id);

    const patched = await provider.client.patch("/api/v1/me/profile", {
      bio: { en: "Tax adviser", ru: "Налоговый консультант" },
      experience: "12 years in audit",
      education: "Moscow State University",
      languages: ["ru", "en"],
      region: "Moscow",
    });
    expect(patched.status).toBe(200);
    expect(patched.json.profile).toMatchObject({ bio: { en: "Tax adviser", ru: "Налоговый консультант" }, languages: ["ru", "en"], region: "Moscow", photo: null });
    expect((await provider.client.patch("/api/v1/me/profile", { languages: ["xx"] })).status).toBe(400);
    expect((await provider.client.patch("/api/v1/me/profile", { nickname: "x" })).status).toBe(400);

    expect((await upload(provider, "/me/profile/photo", { name: "me.png", type: "image/png", bytes: new TextEncoder().encode("not an image") })).status).toBe(415);
    const first = await photo(provider);
    expect(first.status).toBe(201);
    expect(first.json.file).toMatchObject({ kind: "photo", status: "pending" });
    const firstUrl = first.json.file.url as string;
    expect((await anonymous.get(firstUrl)).status).toBe(404);
    expect((await provider.client.get(firstUrl)).status).toBe(200);
    expect((await moderator.client.get(firstUrl)).status).toBe(200);
    expect((await anonymous.get(`/api/v1/providers/${provider.user.id}`)).json.provider.profile).toMatchObject({ photoUrl: null, region: "Moscow", experience: "12 years in audit" });

    // The moderators' queue; only moderators may decide, a rejection needs a reason.
    expect((await provider.client.get("/api/v1/moderation/profile-files")).status).toBe(403);
    expect((await provider.client.post(`/api/v1/moderation/profile-files/${first.json.file.id}/approve`)).status).toBe(403);
    const queue = await moderator.client.get("/api/v1/moderation/profile-files");
    expect(queue.json.items.map((item: { id: string }) => item.id)).toContain(first.json.file.id);
    expect((await moderator.client.post(`/api/v1/moderation/profile-files/${first.json.file.id}/reject`, { reason: "" })).status).toBe(400);
    const rejected = await moderator.client.post(`/api/v1/moderation/profile-files/${first.json.file.id}/reject`, { reason: "Not a face" });
    expect(rejected.json.file).toMatchObject({ status: "rejected", rejectionReason: "Not a face" });
    expect((await anonymous.get(firstUrl)).status).toBe(404);
    expect((await provider.client.get("/api/v1/me/profile")).json.profile.photoUnderReview).toMatchObject({ status: "rejected", rejectionReason: "Not a face" });

    const second = await photo(provider);
    const approved = await moderator.client.post(`/api/v1/moderation/profile-files/${second.json.file.id}/approve`);
    expect(approved.json.file.status).toBe("approved");
    expect((await moderator.client.post(`/api/v1/moderation/profile-files/${second.json.file.id}/approve`)).status).toBe(409);
    const publicView = (await anonymous.get(`/api/v1/providers/${provider.user.id}`)).json.provider.profile;
    expect(publicView.photoUrl).toBe(second.json.file.url);
    const image = await fetch(`${server.url}${publicView.photoUrl}`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(PNG);

    // A newer photo waits; the approved one stays shown until it is approved in turn.
    const third = await photo(provider);
    expect((await anonymous.get(`/api/v1/providers/${provider.user.id}`)).json.provider.profile.photoUrl).toBe(second.json.file.url);
    await moderator.client.post(`/api/v1/moderation/profile-files/${third.json.file.id}/approve`);
    expect((await anonymous.get(`/api/v1/providers/${provider.user.id}`)).json.provider.profile.photoUrl).toBe(third.json.file.url);
    expect((await anonymous.get(second.json.file.url)).status).toBe(404);

    const told = (await provider.client.get("/api/v1/notifications")).json.items.map((n: { kind: string; link: string }) => [n.kind, n.link]);
    expect(told).toEqual([
      ["profile_file_decided", "/settings#profile"],
      ["profile_file_decided", "/settings#profile"],
      ["profile_file_decided", "/settings#profile"],
    ]);
  });

  it("keeps at most six gallery images, shown once approved", async () => {
    const provider = await registerUser(server);
    const moderator = await registerUser(server);
    await makeAdmin(server, moderator.user.id);
    const ids: string[] = [];
    for (let index = 0; index < 6; index++) {
      const added = await upload(provider, "/me/profile/gallery", { name: `g${index}.png`, type: "image/png", bytes: PNG });
      expect(added.status).toBe(201);
      ids.push(added.json.file.id);
    }
    const seventh = await upload(provider, "/me/profile/gallery", { name: "g7.png", type: "image/png", bytes: PNG });
    expect(seventh.status).toBe(409);
    expect(seventh.json.error.details.reason).toBe("gallery_full");
    expect((await provider.client.request("DELETE", `/api/v1/me/profile/gallery/${ids[0]}`)).status).toBe(204);
    expect((await upload(provider, "/me/profile/gallery", { name: "g7.png", type: "image/png", bytes: PNG })).status).toBe(201);
    await moderator.client.post(`/api/v1/moderation/profile-files/${ids[1]}/approve`);
    const shown = (await server.client().get(`/api/v1/providers/${provider.user.id}`)).json.provider.profile.gallery;
    expect(shown).toEqual([`/api/v1/profile-files/${ids[1]}`]);
  });

  it("filters the catalog by the provider's region", async () => {
    const moscow = await registerUser(server);
    const kazan = await registerUser(server);
    await moscow.client.patch("/api/v1/me/profile", { region: "Moscow" });
    await kazan.client.patch("/api/v1/me/profile", { region: "Kazan" });
    const inMoscow = await publishWork(server, moscow.user.id);
    const inKazan = await publishWork(server, kazan.user.id);
    const found = await server.client().get("/api/v1/tweeps?region=moscow&pageSize=50");
    expect(found.status).toBe(200);
    const ids = found.json.items.map((item: { id: string }) => item.id);
    expect(ids).toContain(inMoscow.id);
    expect(ids).not.toContain(inKazan.id);
  });

  it("catalog cards and the tweep page carry the short profile, with the approved photo only", async () => {
    const provider = await registerUser(server);
    const moderator = await registerUser(server);
    await makeAdmin(server, moderator.user.id);
    const region = `Samara-${crypto.randomUUID().slice(0, 8)}`;
    await provider.client.patch("/api/v1/me/profile", {
      bio: { en: "Tax adviser\nSecond line stays on the profile page", ru: "Налоговый консультант" },
      experience: `${"x".repeat(200)}\nmore`,
      region,
    });
    const tweep = await publishWork(server, provider.user.id);
    const shortProfiles = async () => {
      const catalog = await server.client().get(`/api/v1/tweeps?region=${region}&pageSize=50`);
      expect(catalog.status).toBe(200);
      expect(catalog.json.items.map((item: { id: string }) => item.id)).toEqual([tweep.id]);
      const page = await server.client().get(`/api/v1/tweeps/${tweep.id}`);
      expect(page.status).toBe(200);
      const providerPage = await server.client().get(`/api/v1/providers/${provider.user.id}`);
      return [catalog.json.items[0].providerProfile, page.json.tweep.providerProfile, providerPage.json.provider.tweeps[0].providerProfile];
    };

    // A pending photo is not shown anywhere; the texts are, as their first line.
    const pending = await photo(provider);
    expect(pending.json.file.status).toBe("pending");
    for (const short of await shortProfiles()) {
      expect(short).toEqual({ photoUrl: null, bio: { en: "Tax adviser", ru: "Налоговый консультант" }, experience: "x".repeat(160), region });
    }

    await moderator.client.post(`/api/v1/moderation/profile-files/${pending.json.file.id}/approve`);
    const newer = await photo(provider);
    for (const short of await shortProfiles()) expect(short.photoUrl).toBe(pending.json.file.url);
    expect(newer.json.file.url).not.toBe(pending.json.file.url);
    expect((await server.client().get(pending.json.file.url)).status).toBe(200);

    // A provider without a profile still has the block, empty.
    const bare = await registerUser(server);
    const bareTweep = await publishWork(server, bare.user.id);
    expect((await server.client().get(`/api/v1/tweeps/${bareTweep.id}`)).json.tweep.providerProfile).toEqual({ photoUrl: null, bio: {}, experience: null, region: null });
  });

  it("shows figures and reviews with text", async () => {
    const provider = await registerUser(server);
    const customer = await registerUser(server);
    await customer.client.patch("/api/v1/me", { name: "Olga" });
    const tweep = await publishWork(server, provider.user.id);
    await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 20_000 });
    const order = (await customer.client.post("/api/v1/orders", { tweepId: tweep.id })).json.order.id;
    await provider.client.post(`/api/v1/orders/${order}/deliver`);
    await customer.client.post(`/api/v1/orders/${order}/accept`);
    expect((await customer.client.post(`/api/v1/orders/${order}/review`, { rating: 5, body: "Clear and quick" })).status).toBe(201);
    const profile = (await server.client().get(`/api/v1/providers/${provider.user.id}`)).json.provider.profile;
    expect(profile.reviews).toEqual([expect.objectContaining({ rating: 5, body: "Clear and quick", authorName: "Olga" })]);
    expect(profile.figures).toMatchObject({ sessionsHeld: 0, responseRate: null });
    expect(Date.parse(profile.figures.memberSince)).toBeGreaterThan(0);
  });

  it("counts sessions held and the response rate from the provider's calls", async () => {
    const provider = await registerUser(server);
    const customer = await registerUser(server);
    const tweep = await publishConsultation(server, provider.user.id, { textPriceMinor: 1_000n });
    await customer.client.post("/api/v1/wallet/top-ups", { amountMinor: 1_000 });
    const order = await customer.client.post("/api/v1/orders", { tweepId: tweep.id, medium: "text" });
    expect(order.status, order.text).toBe(201);
    const at = new Date();
    const call = (status: "ended" | "missed" | "declined" | "cancelled", clockStarted: boolean) => ({
      orderId: order.json.order.id as string,
      customerId: customer.user.id,
      providerId: provider.user.id,
      medium: "text" as const,
      status,
      blockPriceMinor: 1_000n,
      ringExpiresAt: at,
      answeredAt: status === "ended" ? at : null,
      clockStartedAt: clockStarted ? at : null,
      endedAt: at,
    });
    // Two answered (one of them held: its clock started), one rang out, one declined, and the
    // customer's own hang-up, which does not count against the provider: 2 of 4 answered.
    await server.ctx.db
      .insert(consultationSessions)
      .values([call("ended", true), call("ended", false), call("missed", false), call("declined", false), call("cancelled", false)]);
    const figures = (await server.client().get(`/api/v1/providers/${provider.user.id}`)).json.provider.profile.figures;
    expect(figures).toMatchObject({ sessionsHeld: 1, responseRate: 50 });
  });
});
