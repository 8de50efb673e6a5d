import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "./errors.ts";

export type RateLimitName = "codePerPhone" | "codePerIp" | "loginPerIp";
export type BackoffName = "loginFailuresPerPhoneAndSource" | "loginFailuresPerPhone";

export type RateLimitRule = { points: number; durationSeconds: number };

export const defaultRateLimitRules: Record<RateLimitName, RateLimitRule> = {
  // A code every few minutes is plenty for a person; more is an SMS-pumping attack.
  codePerPhone: { points: 3, durationSeconds: 15 * 60 },
  codePerIp: { points: 30, durationSeconds: 60 * 60 },
  loginPerIp: { points: 100, durationSeconds: 15 * 60 },
};

/**
 * Failures forgiven within `windowSeconds`; each failure beyond them makes the next attempt
 * wait twice as long (1 s, 2 s, 4 s, …) up to `maxDelaySeconds`. A delay, never a lock.
 */
export type BackoffRule = { freeFailures: number; windowSeconds: number; maxDelaySeconds: number };

export const defaultBackoffRules: Record<BackoffName, BackoffRule> = {
  // Keyed by phone and source address together: a stranger's failures never delay the owner.
  loginFailuresPerPhoneAndSource: { freeFailures: 5, windowSeconds: 60 * 60, maxDelaySeconds: 15 * 60 },
  // Against guessing spread over many addresses: generous, and still only a delay.
  loginFailuresPerPhone: { freeFailures: 100, windowSeconds: 60 * 60, maxDelaySeconds: 5 * 60 },
};

/** Seconds to wait after the `failures`-th failure (0 while within the free ones). */
export function backoffDelaySeconds(failures: number, rule: BackoffRule): number {
  const beyond = failures - rule.freeFailures;
  if (beyond <= 0) return 0;
  return Math.min(rule.maxDelaySeconds, 2 ** Math.min(beyond - 1, 30));
}

export type RateLimits = {
  consume(name: RateLimitName, key: string): Promise<void>;
  reset(name: RateLimitName, key: string): Promise<void>;
  /** Refuses with rate_limited while the key is waiting out a back-off. */
  checkBackoff(name: BackoffName, key: string): Promise<void>;
  /** Counts a failure and starts the back-off it earns. */
  recordFailure(name: BackoffName, key: string): Promise<void>;
  resetBackoff(name: BackoffName, key: string): Promise<void>;
};

/** Counters live in Redis when configured, so every app process shares them. */
export function createRateLimits(options: {
  redis?: unknown;
  prefix: string;
  rules?: Partial<Record<RateLimitName, RateLimitRule>>;
  backoffRules?: Partial<Record<BackoffName, BackoffRule>>;
}): RateLimits {
  const rules = { ...defaultRateLimitRules, ...options.rules };
  const backoffRules = { ...defaultBackoffRules, ...options.backoffRules };
  const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
    const common = { keyPrefix, points, duration };
    return options.redis
      ? new RateLimiterRedis({ ...common, storeClient: options.redis, useRedisPackage: true })
      : new RateLimiterMemory(common);
  };
  const limiters = new Map<RateLimitName, RateLimiterAbstract>();
  for (const [name, rule] of Object.entries(rules) as [RateLimitName, RateLimitRule][]) {
    limiters.set(name, make(`${options.prefix}:rl:${name}`, rule.points, rule.durationSeconds));
  }
  // Per back-off: a failure counter over the window, and a "wait" key blocked for the delay.
  const backoffs = new Map<BackoffName, { rule: BackoffRule; failures: RateLimiterAbstract; wait: RateLimiterAbstract }>();
  for (const [name, rule] of Object.entries(backoffRules) as [BackoffName, BackoffRule][]) {
    backoffs.set(name, {
      rule,
      failures: make(`${options.prefix}:bo:${name}:failures`, Number.MAX_SAFE_INTEGER, rule.windowSeconds),
      wait: make(`${options.prefix}:bo:${name}:wait`, 1, rule.maxDelaySeconds),
    });
  }
  const refuse = (msBeforeNext: number) => {
    const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    return new AppError("rate_limited", `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });
  };
  return {
    async checkBackoff(name, key) {
      const waiting = await backoffs.get(name)!.wait.get(key);
      if (waiting && waiting.consumedPoints > 0 && waiting.msBeforeNext > 0) throw refuse(waiting.msBeforeNext);
    },
    async recordFailure(name, key) {
      const backoff = backoffs.get(name)!;
      const counted = await backoff.failures.penalty(key, 1);
      const delay = backoffDelaySeconds(counted.consumedPoints, backoff.rule);
      if (delay > 0) await backoff.wait.block(key, delay);
    },
    async resetBackoff(name, key) {
      const backoff = backoffs.get(name)!;
      await Promise.all([backoff.failures.delete(key), backoff.wait.delete(key)]);
    },
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
