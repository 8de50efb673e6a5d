import { randomBytes, randomUUID } from "node:crypto";
import { createClient } from "redis";
import { afterAll, describe, expect, it } from "vitest";
import { createMemoryPresenceStore, createRedisPresenceStore, type PresenceStore } from "../../server/presence/presence-store.ts";

// Who is on the site (SPEC 9): the in-process store of the embedded default and the Redis
// store several processes share must answer the same. Redis runs only where REDIS_URL is set.
const redis = process.env.REDIS_URL ? createClient({ url: process.env.REDIS_URL }) : undefined;
afterAll(async () => {
  await redis?.quit();
});

const stores: [string, () => Promise<PresenceStore>][] = [["memory", async () => createMemoryPresenceStore()]];
if (redis) {
  stores.push([
    "redis",
    async () => {
      if (!redis.isOpen) await redis.connect();
      return createRedisPresenceStore(redis, `presence-test-${randomBytes(4).toString("hex")}`);
    },
  ]);
}

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 23, 12, 0, seconds));

describe.each(stores)("the %s presence store", (_name, create) => {
  it("says when a user comes online and goes, and who is online at an instant", async () => {
    const store = await create();
    const [alice, bob] = [randomUUID(), randomUUID()];
    expect(await store.touch(alice, at(25))).toBe(true);
    expect(await store.touch(alice, at(35))).toBe(false);
    expect(await store.touch(bob, at(20))).toBe(true);
    expect(await store.onlineAmong([alice, bob, randomUUID()], at(10))).toEqual(new Set([alice, bob]));
    expect(await store.onlineAmong([alice, bob], at(30))).toEqual(new Set([alice]));
    expect((await store.onlineUserIds(at(30))).sort()).toEqual([alice]);
    expect(await store.remove(alice)).toBe(true);
    expect(await store.remove(alice)).toBe(false);
    expect(await store.onlineAmong([alice], at(0))).toEqual(new Set());
  });

  it("takes each expired user once, and never one whose heartbeat renewed them", async () => {
    const store = await create();
    const [gone, renewed, staying] = [randomUUID(), randomUUID(), randomUUID()];
    await store.touch(gone, at(10));
    await store.touch(renewed, at(10));
    await store.touch(staying, at(40));
    await store.touch(renewed, at(45));
    expect(await store.takeExpired(at(30))).toEqual([gone]);
    expect(await store.takeExpired(at(30))).toEqual([]);
    // Going online again after expiring is news again.
    expect(await store.touch(gone, at(60))).toBe(true);
  });
});
