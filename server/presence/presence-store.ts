import type { createClient } from "redis";

type RedisClient = ReturnType<typeof createClient>;

/**
 * Who is on the site (SPEC 9). A user is online while their pages keep sending heartbeats;
 * each heartbeat pushes their expiry forward. With Redis every app process shares one
 * sorted set (member: user id, score: expiry in ms), so any process can answer and the
 * process whose ZREM removed an expired member is the one that announces it.
 */
export type PresenceStore = {
  /** Returns true when the user was offline until now. */
  touch(userId: string, expiresAt: Date): Promise<boolean>;
  /** Returns true when the user was online until now. */
  remove(userId: string): Promise<boolean>;
  onlineAmong(userIds: string[], now: Date): Promise<Set<string>>;
  onlineUserIds(now: Date): Promise<string[]>;
  /** Removes and returns the users whose heartbeats stopped before `now`. */
  takeExpired(now: Date): Promise<string[]>;
};

export function createMemoryPresenceStore(): PresenceStore {
  const expiries = new Map<string, number>();
  return {
    async touch(userId, expiresAt) {
      const wasOnline = expiries.has(userId);
      expiries.set(userId, expiresAt.getTime());
      return !wasOnline;
    },
    async remove(userId) {
      return expiries.delete(userId);
    },
    async onlineAmong(userIds, now) {
      return new Set(userIds.filter((id) => (expiries.get(id) ?? 0) > now.getTime()));
    },
    async onlineUserIds(now) {
      return [...expiries].filter(([, expiry]) => expiry > now.getTime()).map(([id]) => id);
    },
    async takeExpired(now) {
      const expired = [...expiries].filter(([, expiry]) => expiry <= now.getTime()).map(([id]) => id);
      expired.forEach((id) => expiries.delete(id));
      return expired;
    },
  };
}

export function createRedisPresenceStore(redis: RedisClient, prefix: string): PresenceStore {
  const key = `${prefix}:presence`;
  return {
    async touch(userId, expiresAt) {
      return (await redis.zAdd(key, { score: expiresAt.getTime(), value: userId })) === 1;
    },
    async remove(userId) {
      return (await redis.zRem(key, userId)) === 1;
    },
    async onlineAmong(userIds, now) {
      if (userIds.length === 0) return new Set();
      const scores = await redis.zmScore(key, userIds);
      return new Set(userIds.filter((_, index) => (scores[index] ?? 0) > now.getTime()));
    },
    async onlineUserIds(now) {
      return redis.zRangeByScore(key, `(${now.getTime()}`, "+inf");
    },
    async takeExpired(now) {
      const candidates = await redis.zRangeByScore(key, "-inf", now.getTime(), { LIMIT: { offset: 0, count: 500 } });
      const taken: string[] = [];
      for (const userId of candidates) {
        // A heartbeat may have renewed the member since the range was read: remove only
        // if the score is still expired, atomically, so a renewed user stays online.
        const removed = await redis.eval(
          "local s = redis.call('ZSCORE', KEYS[1], ARGV[1]) if s and tonumber(s) <= tonumber(ARGV[2]) then return redis.call('ZREM', KEYS[1], ARGV[1]) end return 0",
          { keys: [key], arguments: [userId, String(now.getTime())] },
        );
        if (removed === 1) taken.push(userId);
      }
      return taken;
    },
  };
}
