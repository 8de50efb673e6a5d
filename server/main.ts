import { loadConfig } from "./env.ts";
import { createLogger } from "./logger.ts";
import { startServer } from "./start-server.ts";

// The process: `npm start`. Without NODE_ENV=production, Next.js renders in development
// mode, so a fresh clone serves pages without a build step.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const EXIT_DEADLINE_MS = 10_000;

const startedAt = performance.now();
const config = loadConfig();
const logger = createLogger(config.logLevel);
const server = await startServer(config, { withNext: true, logger });

const shutdown = (signal: string) => {
  logger.info({ signal }, "shutting down");
  setTimeout(() => {
    logger.error("shutdown took too long; exiting");
    process.exit(1);
  }, EXIT_DEADLINE_MS).unref();
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    },
  );
};
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));

const where = `http://localhost:${server.port}`;
if (server.demo) {
  const { phones, password } = server.demo;
  console.log(
    [
      "",
      `  Tweeps is running at ${where}`,
      "  Demo accounts (password for all: " + password + "):",
      `    customer   ${phones.customer}`,
      `    provider   ${phones.provider}`,
      `    moderator  ${phones.moderator}  (also administrator)`,
      config.devOutbox ? `  SMS codes and e-mail: ${where}/dev/outbox` : "",
      "",
    ].join("\n"),
  );
}
logger.info(
  {
    url: where,
    database: server.dialect,
    redis: config.redisUrl ? config.redisPrefix : false,
    files: config.s3 ? `s3:${config.s3.bucket}` : "local",
    payments: server.ctx.payments.name,
    startupMs: Math.round(performance.now() - startedAt),
  },
  "Tweeps is serving",
);
