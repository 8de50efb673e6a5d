import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "./errors.ts";

export type RateLimitName = "codePerPhone" | "codePerIp" | "loginPerPhone" | "loginPerIp";

export type RateLimitRule = { points: number; durationSeconds: number };

export const defaultRateLimitRules: Record<RateLimitName, RateLimitRule> = {
  // A code every few minutes is plenty for a person; more is an SMS-pumping attack.
  codePerPhone: { points: 3, durationSeconds: 15 * 60 },
  codePerIp: { points: 30, durationSeconds: 60 * 60 },
  loginPerPhone: { points: 10, durationSeconds: 15 * 60 },
  loginPerIp: { points: 100, durationSeconds: 15 * 60 },
};

export type RateLimits = {
  consume(name: RateLimitName, key: string): Promise<void>;
  reset(name: RateLimitName, key: string): Promise<void>;
};

/** Counters live in Redis when configured, so every app process shares them. */
export function createRateLimits(options: {
  redis?: unknown;
  prefix: string;
  rules?: Partial<Record<RateLimitName, RateLimitRule>>;
}): RateLimits {
  const rules = { ...defaultRateLimitRules, ...options.rules };
  const limiters = new Map<RateLimitName, RateLimiterAbstract>();
  for (const [name, rule] of Object.entries(rules) as [RateLimitName, RateLimitRule][]) {
    const common = { keyPrefix: `${options.prefix}:rl:${name}`, points: rule.points, duration: rule.durationSeconds };
    limiters.set(
      name,
      options.redis
        ? new RateLimiterRedis({ ...common, storeClient: options.redis, useRedisPackage: true })
        : new RateLimiterMemory(common),
    );
  }
  return {
    async consume(name, key) {
      try {
        await limiters.get(name)!.consume(key);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new AppError("rate_limited", `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, {
          retryAfterSeconds,
        });
      }
    },
    async reset(name, key) {
      await limiters.get(name)!.delete(key);
    },
  };
}
