import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { COMMISSION_SHARDS, commissionShardOf } from "./commission-shards.ts";

describe("commissionShardOf", () => {
  // Pinned: a replay's fingerprint names the shard, so moving keys to other shards would
  // turn a harmless replay into an idempotency_key_reused refusal.
  it.each([
    ["session:00000000-0000-0000-0000-000000000000:block:0", 14],
    ["session:00000000-0000-0000-0000-000000000000:block:1", 1],
    ["order_release:00000000-0000-0000-0000-000000000000", 9],
    ["", 5],
  ])("puts %j on shard %i", (key, shard) => {
    expect(commissionShardOf(key)).toBe(shard);
  });

  it("spreads one session's blocks and many sessions over every shard", () => {
    const counts = new Array<number>(COMMISSION_SHARDS).fill(0);
    const sessions = Array.from({ length: 200 }, () => randomUUID());
    for (const session of sessions) {
      for (let block = 0; block < 8; block++) counts[commissionShardOf(`session:${session}:block:${block}`)]! += 1;
    }
    const mean = (sessions.length * 8) / COMMISSION_SHARDS;
    expect(Math.min(...counts)).toBeGreaterThan(mean / 2);
    expect(Math.max(...counts)).toBeLessThan(mean * 2);
  });
});
