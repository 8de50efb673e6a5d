import os from "node:os";
import path from "node:path";
import proxyAddr from "proxy-addr";
import { z } from "zod";

// The only file that reads process.env: every other module receives a Config.

const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const positiveSeconds = z.coerce.number().int().positive();

const iceServersSchema = z.array(
  z.strictObject({
    urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    username: z.string().optional(),
    credential: z.string().optional(),
  }),
);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  /** Starts every Redis key and stream of this deployment, so several can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "1-64 letters, digits, '_', '.' or '-'")
    .default("tweeps"),
  /** An S3-compatible store for uploaded files (shared by every app process); unset: DATA_DIR. */
  S3_BUCKET: z.string().min(1).optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: "an http(s) URL such as http://minio:9000" }).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: booleanString.optional(),
  DATA_DIR: z.string().default(".data"),
  DEVELOPMENT_ADAPTERS: booleanString.optional(),
  SEED_DEMO: booleanString.optional(),
  BILLING_BLOCK_SECONDS: positiveSeconds.default(900),
  BILLING_VOID_SECONDS: positiveSeconds.default(60),
  CALL_RING_SECONDS: positiveSeconds.default(60),
  LOW_BALANCE_WARNING_SECONDS: positiveSeconds.default(60),
  /** A session party silent (no session-page heartbeat) this long has left; the session ends. */
  SESSION_PARTY_TIMEOUT_SECONDS: positiveSeconds.default(40),
  /** "Pause 20 minutes" (SPEC 15): a paused provider is Available again after this. */
  PAUSE_SECONDS: positiveSeconds.default(1200),
  /** The first in the waiting list has this long to start the chat once it is their turn. */
  QUEUE_TURN_SECONDS: positiveSeconds.default(60),
  /** A missed call rings again once after this, unless the customer cancels the retry. */
  CALL_RETRY_SECONDS: positiveSeconds.default(300),
  /** A provider off the site this long while customers wait closes their queue. */
  QUEUE_OFFLINE_CLOSE_SECONDS: positiveSeconds.default(300),
  /** A session whose clock ran less than this is charged nothing (SPEC 18); 0 turns the rule off. */
  SHORT_SESSION_SECONDS: z.coerce.number().int().min(0).default(10),
  /** A party disconnected (reload, crash, network) this long ends the session as connection_lost (SPEC 19). */
  RECONNECT_GRACE_SECONDS: positiveSeconds.default(60),
  WORK_AUTO_ACCEPT_HOURS: z.coerce.number().positive().default(72),
  /** SPEC 16: a booked time starts at least this far ahead. */
  APPOINTMENT_LEAD_MINUTES: z.coerce.number().min(0).default(60),
  /** SPEC 16: a pending request without a decision is rejected automatically after this. */
  APPOINTMENT_DECISION_HOURS: z.coerce.number().positive().default(24),
  /** SPEC 16: a customer's cancellation this long before the start is refunded in full. */
  APPOINTMENT_FREE_CANCEL_HOURS: z.coerce.number().min(0).default(24),
  /** SPEC 16: "didn't show" may be marked this long after the start. */
  NO_SHOW_MINUTES: z.coerce.number().min(0).default(10),
  /** Bookable start times fall on multiples of this many minutes (a divisor of 60). */
  APPOINTMENT_SLOT_MINUTES: z.coerce.number().int().refine((n) => n > 0 && 60 % n === 0, "a divisor of 60").default(15),
  // SPEC 17: a provider's earnings stay pending this long before they may be paid out.
  CLEARANCE_HOURS: z.coerce.number().nonnegative().default(72),
  // SPEC 17: how long after a session ends its customer may report it.
  SESSION_REPORT_HOURS: z.coerce.number().positive().default(24),
  COMMISSION_PERCENT: z.coerce.number().int().min(0).max(100).default(20),
  CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, "an ISO 4217 code such as RUB")
    .default("RUB"),
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  STRIPE_API_URL: z.url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Tweeps <no-reply@tweeps.local>"),
  SMS_GATEWAY_URL: z.url().optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  SECRET_KEY: z.string().min(32, "at least 32 characters").optional(),
  /** STUN/TURN servers for browsers and the SFU, as JSON: [{"urls":"turn:…","username":"…","credential":"…"}]. */
  ICE_SERVERS: z
    .string()
    .optional()
    .transform((value, context) => {
      if (!value) return [];
      try {
        return iceServersSchema.parse(JSON.parse(value));
      } catch {
        context.addIssue({ code: "custom", message: 'a JSON array such as [{"urls":"stun:stun.example.org:3478"}]' });
        return z.NEVER;
      }
    }),
  /** SFU worker processes; 0 keeps the SFU in this process. Production defaults to one per core. */
  MEDIA_WORKERS: z.coerce.number().int().min(0).max(256).optional(),
  /** The SFU's address as browsers reach it (behind 1:1 NAT, a cloud machine's public IP): announced as a host candidate. */
  MEDIA_PUBLIC_IP: z.union([z.ipv4(), z.ipv6()]).optional(),
  /** The UDP ports the SFU binds, so a firewall can open exactly them; both or neither. */
  MEDIA_PORT_MIN: z.coerce.number().int().min(1024).max(65535).optional(),
  MEDIA_PORT_MAX: z.coerce.number().int().min(1024).max(65535).optional(),
  /** An SFU node (`npm run start:media`): where its control API listens, and how app processes reach it. */
  MEDIA_NODE_HOST: z.string().min(1).default("0.0.0.0"),
  MEDIA_NODE_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  MEDIA_NODE_URL: z.url().optional(),
  /** Rooms an SFU node takes before it counts as full; new rooms go to the least-loaded node. */
  MEDIA_NODE_CAPACITY: z.coerce.number().int().min(1).max(100_000).default(200),
  /**
   * Reverse proxies in front of the server, whose X-Forwarded-For/-Proto are believed: a
   * number of hops, or a comma-separated list of addresses, CIDRs or proxy-addr names
   * (loopback, linklocal, uniquelocal). Unset: nobody; the TCP peer is the client.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined) return undefined;
      if (/^\d+$/.test(value.trim())) return Number(value.trim());
      const list = value.split(",").map((part) => part.trim()).filter(Boolean);
      try {
        proxyAddr.compile(list);
        return list;
      } catch {
        context.addIssue({ code: "custom", message: "a hop count or a list of addresses/CIDRs such as 10.0.0.0/8,127.0.0.1" });
        return z.NEVER;
      }
    }),
  /** Serve /dev/outbox (every SMS code and e-mail) even in production: demos and browser tests only. */
  DEV_OUTBOX: booleanString.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = ReturnType<typeof loadConfig>;

/** http://HOST:PORT, with localhost for a wildcard HOST (0.0.0.0, ::) that no browser can open. */
export function ownOrigin(host: string, port: number): string {
  const wildcard = host === "" || host === "0.0.0.0" || host === "::" || host === "[::]";
  const name = wildcard ? "localhost" : host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/**
 * Host names Next's development server accepts its HMR socket and dev resources from: the
 * loopback names and HOST. Without them a page opened at http://127.0.0.1:3000 never hydrates.
 * Read by next.config.ts, which cannot load the whole configuration (a build has no secrets).
 */
export function devOrigins(env: Record<string, string | undefined> = process.env): string[] {
  const host = env.HOST?.trim().replace(/^\[|\]$/g, "");
  const wildcard = !host || host === "0.0.0.0" || host === "::";
  return [...new Set(["127.0.0.1", "localhost", "::1", ...(wildcard ? [] : [host])])];
}

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  // Empty strings mean "unset", as in a docker-compose file with `VAR=`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  // Development adapters (instant payments, SMS and e-mail to the outbox) are on outside
  // production; a production build may enable them explicitly for demos and end-to-end tests.
  const developmentAdapters = e.DEVELOPMENT_ADAPTERS ?? !production;
  // The outbox shows every SMS code: anyone reading it can reset any account. It exists
  // with the development adapters and, in production, only when DEV_OUTBOX=true asks for it
  // for separately. Its default is on only for the embedded demo (development, no DATABASE_URL).
  const devOutbox = developmentAdapters && (e.DEV_OUTBOX ?? (!production && !e.DATABASE_URL));
  const stripe =
    e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
      ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, apiUrl: e.STRIPE_API_URL }
      : undefined;
  if (production && !developmentAdapters && !stripe) {
    throw new Error("Invalid configuration: production needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET");
  }
  if (production && !e.SECRET_KEY) {
    throw new Error("Invalid configuration: production needs SECRET_KEY (32 or more random characters)");
  }
  if (production && !developmentAdapters && !e.SMS_GATEWAY_URL) {
    throw new Error("Invalid configuration: production needs SMS_GATEWAY_URL");
  }
  if ((e.MEDIA_PORT_MIN === undefined) !== (e.MEDIA_PORT_MAX === undefined) || (e.MEDIA_PORT_MIN ?? 0) > (e.MEDIA_PORT_MAX ?? 0)) {
    throw new Error("Invalid configuration: MEDIA_PORT_MIN and MEDIA_PORT_MAX go together, the first no larger than the second");
  }
  const s3Given = [e.S3_ENDPOINT, e.S3_ACCESS_KEY_ID, e.S3_SECRET_ACCESS_KEY, e.S3_FORCE_PATH_STYLE].some((v) => v !== undefined);
  if (s3Given && !e.S3_BUCKET) throw new Error("Invalid configuration: S3_BUCKET is needed with the other S3_* variables");
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    throw new Error("Invalid configuration: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together");
  }
  const s3 = e.S3_BUCKET
    ? {
        bucket: e.S3_BUCKET,
        endpoint: e.S3_ENDPOINT,
        region: e.S3_REGION,
        credentials:
          e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
            ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
            : undefined,
        // Self-hosted services (MinIO, Ceph RGW) usually have no per-bucket host names.
        forcePathStyle: e.S3_FORCE_PATH_STYLE ?? Boolean(e.S3_ENDPOINT),
      }
    : undefined;
  // "memory://" keeps PGlite in memory (tests); anything else is a folder.
  const dataDir = e.DATA_DIR === "memory://" ? e.DATA_DIR : path.resolve(e.DATA_DIR);
  return {
    production,
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    // Absolute links (e-mail) need an origin even when PUBLIC_URL is unset: the server's own.
    // With PORT=0 the start-up fills in the port it was given.
    siteUrl: e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : ownOrigin(e.HOST, e.PORT),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    s3,
    dataDir,
    developmentAdapters,
    devOutbox,
    trustProxy: e.TRUST_PROXY,
    // The demo is seeded on the embedded default only, never in production.
    seedDemo: e.SEED_DEMO ?? (!production && !e.DATABASE_URL),
    billing: {
      blockSeconds: e.BILLING_BLOCK_SECONDS,
      voidSeconds: e.BILLING_VOID_SECONDS,
      lowBalanceWarningSeconds: e.LOW_BALANCE_WARNING_SECONDS,
      partyTimeoutSeconds: e.SESSION_PARTY_TIMEOUT_SECONDS,
      shortSessionSeconds: e.SHORT_SESSION_SECONDS,
      reconnectGraceSeconds: e.RECONNECT_GRACE_SECONDS,
    },
    callRingSeconds: e.CALL_RING_SECONDS,
    queue: {
      pauseSeconds: e.PAUSE_SECONDS,
      turnSeconds: e.QUEUE_TURN_SECONDS,
      callRetrySeconds: e.CALL_RETRY_SECONDS,
      offlineCloseSeconds: e.QUEUE_OFFLINE_CLOSE_SECONDS,
    },
    workAutoAcceptHours: e.WORK_AUTO_ACCEPT_HOURS,
    appointments: {
      leadMinutes: e.APPOINTMENT_LEAD_MINUTES,
      decisionHours: e.APPOINTMENT_DECISION_HOURS,
      freeCancelHours: e.APPOINTMENT_FREE_CANCEL_HOURS,
      noShowMinutes: e.NO_SHOW_MINUTES,
      slotMinutes: e.APPOINTMENT_SLOT_MINUTES,
      /** SPEC 16: the chat for an appointment opens this long before its start. */
      chatOpensMinutes: 10,
    },
    clearanceHours: e.CLEARANCE_HOURS,
    sessionReportHours: e.SESSION_REPORT_HOURS,
    commissionPercent: e.COMMISSION_PERCENT,
    currency: e.CURRENCY,
    stripe,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    smsGateway: e.SMS_GATEWAY_URL ? { url: e.SMS_GATEWAY_URL, token: e.SMS_GATEWAY_TOKEN } : undefined,
    // Signs short-lived links (file downloads, media join tokens). Outside production a
    // fixed key is fine: nothing signed in development is worth forging.
    secretKey: e.SECRET_KEY ?? "development-secret-key-not-for-production-use",
    iceServers: e.ICE_SERVERS,
    // Outside production one process is enough, and simpler to debug.
    mediaWorkers: e.MEDIA_WORKERS ?? (production ? os.availableParallelism() : 0),
    mediaIce: {
      additionalHostAddresses: e.MEDIA_PUBLIC_IP ? [e.MEDIA_PUBLIC_IP] : [],
      portRange: e.MEDIA_PORT_MIN !== undefined && e.MEDIA_PORT_MAX !== undefined ? ([e.MEDIA_PORT_MIN, e.MEDIA_PORT_MAX] as [number, number]) : undefined,
    },
    // An SFU node is the SFU and nothing else: a worker per core unless MEDIA_WORKERS says otherwise (0: in its own process).
    mediaNode: { host: e.MEDIA_NODE_HOST, port: e.MEDIA_NODE_PORT, url: e.MEDIA_NODE_URL, capacity: e.MEDIA_NODE_CAPACITY, workers: e.MEDIA_WORKERS ?? os.availableParallelism() },
    logLevel: e.LOG_LEVEL,
  };
}
