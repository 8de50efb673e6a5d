import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./tests/fixtures/chromium-options.ts";

// E2E_PORT lets two checkouts run their browser suites side by side.
const port = Number(process.env.E2E_PORT ?? 3210);
const dataRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), ".data");
const runsKept = 3;

// Every run gets an empty embedded database. The config is evaluated again in each worker,
// so the folder is chosen once, in the runner, and handed down through the environment.
if (!process.env.TWEEPS_E2E_DATA_DIR) {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  process.env.TWEEPS_E2E_DATA_DIR = path.join(dataRoot, `e2e-${stamp}`);
  fs.mkdirSync(process.env.TWEEPS_E2E_DATA_DIR, { recursive: true });
  // A run leaves about 40 MB of database behind; the last few stay for post-mortems.
  const runs = fs
    .readdirSync(dataRoot)
    .filter((name) => /^e2e-\d{4}-/.test(name))
    .sort()
    .reverse();
  for (const old of runs.slice(runsKept)) fs.rmSync(path.join(dataRoot, old), { recursive: true, force: true });
}
const dataDir = process.env.TWEEPS_E2E_DATA_DIR;

export default defineConfig({
  testDir: "tests/e2e",
  // Two cores: one browser at a time, one server.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    // With NODE_ENV=production the session cookie is Secure; Chromium still keeps it over
    // plain http on loopback (127.0.0.1 and localhost count as secure origins).
    baseURL: `http://127.0.0.1:${port}`,
    locale: "en-US",
    timezoneId: "Europe/Moscow",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: "npm start",
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      NODE_ENV: "production",
      DEVELOPMENT_ADAPTERS: "true",
      // The tests read SMS codes from /dev/outbox, which production serves only when asked.
      DEV_OUTBOX: "true",
      SECRET_KEY: "end-to-end-tests-secret-key-0123456789",
      // The demo moderator (+79990000003) is the only way a browser test can approve a
      // tweep: roles are granted from the shell, which cannot reach a running PGlite.
      SEED_DEMO: "true",
      DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      // Short blocks: a whole session, warning and cut-off included, in about twenty seconds.
      BILLING_BLOCK_SECONDS: "8",
      BILLING_VOID_SECONDS: "2",
      LOW_BALANCE_WARNING_SECONDS: "5",
      // SPEC 18/19 at end-to-end speed: short sessions under 3 s, a reload comes back within 30 s.
      SHORT_SESSION_SECONDS: "3",
      RECONNECT_GRACE_SECONDS: "30",
      // SPEC 16 at end-to-end speed: a time may be booked from the next minute on.
      APPOINTMENT_LEAD_MINUTES: "0",
      APPOINTMENT_SLOT_MINUTES: "1",
    },
  },
});
