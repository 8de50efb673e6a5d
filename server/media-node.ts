import os from "node:os";
import path from "node:path";
import { createClient } from "redis";
import { createMediaWorkerPool } from "../media/create-media-worker-pool.ts";
import { createMediaServer } from "../media/media-server.ts";
import { mediaClusterKeys } from "../media/cluster/media-cluster-keys.ts";
import { startMediaNode } from "../media/cluster/start-media-node.ts";
import { loadConfig } from "./env.ts";
import { createLogger } from "./logger.ts";

// The process: `npm run start:media`, an SFU node (SPEC 19, Scale). It reads the app's
// environment (SECRET_KEY, REDIS_URL, REDIS_PREFIX, ICE_SERVERS, MEDIA_*), registers with the
// deployment's directory in Redis, and serves media until SIGTERM; it needs no database.
const EXIT_DEADLINE_MS = 10_000;

// A node takes no payments and sends no SMS or e-mail: production's demands for those adapters
// (Stripe keys, an SMS gateway) are not its own, so it reads the environment as if they were
// development ones. SECRET_KEY stays required in production: it checks every control request.
const config = loadConfig({ ...process.env, DEVELOPMENT_ADAPTERS: "true" });
const logger = createLogger(config.logLevel);
if (!config.redisUrl) {
  logger.fatal("an SFU node needs REDIS_URL: app processes find it, and read what it observes, through Redis");
  process.exit(1);
}
const redis = createClient({ url: config.redisUrl });
redis.on("error", (error: unknown) => logger.error({ err: error }, "redis error"));
await redis.connect();

const workers = config.mediaNode.workers;
const node = await startMediaNode({
  redis,
  keys: mediaClusterKeys(config.redisPrefix),
  secretKey: config.secretKey,
  createServer: (onEvent) => {
    const options = { secretKey: config.secretKey, iceServers: config.iceServers, ice: config.mediaIce, logger, onEvent };
    return workers === 0 ? createMediaServer(options) : createMediaWorkerPool({ ...options, workers });
  },
  host: config.mediaNode.host,
  port: config.mediaNode.port,
  controlUrl: config.mediaNode.url,
  capacity: config.mediaNode.capacity,
  workers,
  recordingDirectory: path.join(os.tmpdir(), `tweeps-node-recordings-${process.pid}`),
  logger,
});
logger.info({ node: node.id, control: node.controlUrl, workers, capacity: config.mediaNode.capacity, redisPrefix: config.redisPrefix }, "SFU node is serving");

const shutdown = (signal: string) => {
  logger.info({ signal }, "SFU node shutting down");
  setTimeout(() => process.exit(1), EXIT_DEADLINE_MS).unref();
  node
    .close()
    .then(() => redis.quit())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
};
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));
