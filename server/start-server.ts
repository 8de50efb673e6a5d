import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getRequestListener } from "@hono/node-server";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createClient } from "redis";
import { openDatabase } from "../db/client.ts";
import { seedDemo } from "./seed-demo.ts";
import type { AppContext, LiveEvents } from "./context.ts";
import { ownOrigin, type Config } from "./env.ts";
import { createApi } from "./http/create-api.ts";
import { createRequestSource } from "./http/request-source.ts";
import { createSecurityHeaders } from "./http/security-headers.ts";
import { startJobs } from "./jobs/start-jobs.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createMailer } from "./messaging/mailer.ts";
import { createSmsSender } from "./messaging/sms.ts";
import { createMetrics } from "./metrics.ts";
import { createStripeGateway } from "./payments/stripe-gateway.ts";
import { createRateLimits, type BackoffName, type BackoffRule, type RateLimitName, type RateLimitRule } from "./rate-limits.ts";
import { attachSocketServer, type SocketLimits } from "./realtime/attach-socket-server.ts";
import { createLocalFileStorage, createMemoryFileStorage } from "./storage/file-storage.ts";
import { createS3FileStorage } from "./storage/s3-file-storage.ts";
import { createMemoryPresenceStore, createRedisPresenceStore } from "./presence/presence-store.ts";
import { startMediaServer } from "./start-media-server.ts";

const projectRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const API_PATH = /^\/(api\/|healthz(\?|$)|metrics(\?|$))/;
const OUTBOX_PAGE = /^\/dev\/outbox\/?(\?|$)/;
const SHUTDOWN_GRACE_MS = 7_000;

export type StartOptions = {
  /** Render the pages with Next.js (off in API and socket tests: they need no pages). */
  withNext?: boolean;
  logger?: Logger;
  now?: () => Date;
  rateLimits?: {
    rules?: Partial<Record<RateLimitName, RateLimitRule>>;
    backoffRules?: Partial<Record<BackoffName, BackoffRule>>;
  };
  socketLimits?: Partial<SocketLimits>;
};

/** The Socket.IO Redis Streams adapter's names, under the deployment's prefix. */
export function socketAdapterOptions(prefix: string) {
  return {
    streamName: `${prefix}:socket.io`,
    channelPrefix: `${prefix}:socket.io`,
    sessionKeyPrefix: `${prefix}:socket.io:session:`,
  };
}

/**
 * The Redis Streams adapter, made quiet once Redis is closed. At shutdown a socket can still
 * disconnect (its sign-in finishing as the server closes) and ask the other processes through
 * Redis Pub/Sub; the adapter publishes those requests without handling the promise (its
 * responses and stream writes are handled), so a closed client would surface as an
 * unhandled rejection. Nothing can be sent then anyway.
 */
function createSocketAdapter(redis: ReturnType<typeof createClient>, prefix: string) {
  const make = createAdapter(redis, socketAdapterOptions(prefix));
  // Socket.IO calls it with `new`: a function, not an arrow.
  return function socketAdapter(nsp: unknown) {
    const adapter = make(nsp);
    const publish = adapter.doPublish.bind(adapter);
    adapter.doPublish = (message) => (redis.isOpen ? publish(message) : Promise.resolve(""));
    return adapter;
  };
}

export type RunningServer = Awaited<ReturnType<typeof startServer>>;

/** Starts the whole process: database, API, pages, live connection, background loops. */
export async function startServer(config: Config, options: StartOptions = {}) {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  // The embedded database belongs to one process; the admin command checks this file.
  const pidFile =
    database.dialect === "pglite" && config.dataDir !== "memory://" ? path.join(config.dataDir, "server.pid") : undefined;
  if (pidFile) fs.writeFileSync(pidFile, String(process.pid));

  // Several deployments may share one Redis (tests do); each keeps its keys and its
  // Socket.IO stream under REDIS_PREFIX. Processes of one deployment share the prefix.
  const redisPrefix = config.redisPrefix;
  const redis = config.redisUrl ? createClient({ url: config.redisUrl }) : undefined;
  if (redis) {
    redis.on("error", (error: unknown) => logger.error({ err: error }, "redis error"));
    await redis.connect();
  }

  // The socket layer exists only once the HTTP server does; the domain reaches it through this.
  let live: LiveEvents = { toUser: () => {}, toWatchersOf: () => {} };
  const db = database.db;
  const ctx: AppContext = {
    config,
    db,
    logger,
    now: options.now ?? (() => new Date()),
    sms: createSmsSender(config, db),
    mailer: createMailer(config, db),
    payments: config.stripe ? createStripeGateway(config.stripe) : { name: "development" },
    rateLimits: createRateLimits({
      redis,
      prefix: redisPrefix,
      rules: options.rateLimits?.rules,
      backoffRules: options.rateLimits?.backoffRules,
    }),
    storage: config.s3
      ? createS3FileStorage(config.s3)
      : config.dataDir === "memory://"
        ? createMemoryFileStorage()
        : createLocalFileStorage(path.join(config.dataDir, "files")),
    live: {
      toUser: (userId, event, payload) => live.toUser(userId, event, payload),
      toWatchersOf: (userId, event, payload) => live.toWatchersOf(userId, event, payload),
    },
    presence: redis ? createRedisPresenceStore(redis, redisPrefix) : createMemoryPresenceStore(),
    media: {
      join: () => Promise.reject(new Error("media server not started")),
      closeRoom: async () => {},
      startRecording: () => Promise.reject(new Error("media server not started")),
      stopRecording: async () => [],
    },
  };
  const media = startMediaServer(ctx, redis ? { redis, prefix: redisPrefix } : undefined);
  ctx.media = media.control;

  const demo = config.seedDemo ? await seedDemo(ctx) : undefined;
  const metrics = createMetrics();
  const requestSource = createRequestSource(config.trustProxy, config.publicUrl);
  const handleApi = getRequestListener(createApi(ctx, metrics, requestSource).fetch);

  const nextApp = options.withNext
    ? (await import("next")).default({ dev: !config.production, dir: projectRoot, hostname: "localhost", port: config.port })
    : undefined;
  if (nextApp) await nextApp.prepare();
  const handlePage = nextApp?.getRequestHandler();

  const headers = createSecurityHeaders({ source: requestSource, publicUrl: config.publicUrl, development: !config.production });
  const httpServer = http.createServer((req, res) => {
    if (API_PATH.test(req.url ?? "/") || !nextApp || !handlePage) {
      headers.api(req, res);
      return void handleApi(req, res);
    }
    headers.page(req, res);
    // Every SMS code is on that page: it exists only where the outbox is enabled.
    if (!config.devOutbox && OUTBOX_PAGE.test(req.url ?? "/")) return void nextApp.render404(req, res);
    void handlePage(req, res);
  });
  const sockets = attachSocketServer({ httpServer, ctx, metrics, requestSource, limits: options.socketLimits, adapter: redis ? createSocketAdapter(redis, redisPrefix) : undefined });
  live = sockets.live;
  if (nextApp && !config.production) {
    const handleUpgrade = nextApp.getUpgradeHandler();
    httpServer.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/socket.io/")) void handleUpgrade(req, socket, head);
    });
  }

  const jobs = startJobs(ctx);
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  if (!config.publicUrl && port !== config.port) ctx.config = { ...config, siteUrl: ownOrigin(config.host, port) };

  let closing: Promise<void> | undefined;
  /** Stop accepting, let requests in flight finish, then close the database and Redis. */
  const close = () =>
    (closing ??= (async () => {
      await jobs.stop();
      const drained = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      // Live sockets would hold the server open forever; their clients reconnect elsewhere.
      // Only this process's own: through the Redis adapter a plain disconnectSockets()
      // would disconnect every user of every process.
      sockets.io.local.disconnectSockets(true);
      // Keep-alive connections turn idle as their last response ends; close them as they do.
      const sweep = setInterval(() => httpServer.closeIdleConnections(), 50);
      httpServer.closeIdleConnections();
      const force = setTimeout(() => httpServer.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await drained;
      clearInterval(sweep);
      clearTimeout(force);
      await new Promise<void>((resolve) => sockets.io.close(() => resolve()));
      // Work still finishing (a disconnect's presence update) must not publish through the
      // Redis adapter once Redis is closed: its rejection would surface unhandled.
      live = { toUser: () => {}, toWatchersOf: () => {} };
      await media.close();
      await nextApp?.close();
      ctx.mailer.close();
      ctx.storage.close();
      await redis?.quit().catch(() => {});
      await database.close();
      if (pidFile) fs.rmSync(pidFile, { force: true });
    })());

  return { ctx, port, url: `http://127.0.0.1:${port}`, demo, dialect: database.dialect, close };
}
