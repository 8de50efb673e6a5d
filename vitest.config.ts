import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["server/**/*.test.ts", "media/**/*.test.ts", "db/**/*.test.ts", "app/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/contract/**/*.test.ts"],
    // Each integration file starts its own server and database; two at a time suit 2 cores.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NEXT_TELEMETRY_DISABLED: "1" },
  },
});
