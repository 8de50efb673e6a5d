import path from "node:path";
import { describe, expect, it } from "vitest";
import { devOrigins, loadConfig } from "./env.ts";

describe("configuration (SPEC 13)", () => {
  it("has the documented defaults: embedded database, development adapters, 15-minute blocks", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      redisUrl: undefined,
      dataDir: path.resolve(".data"),
      developmentAdapters: true,
      seedDemo: true,
      billing: { blockSeconds: 900, voidSeconds: 60, lowBalanceWarningSeconds: 60 },
      callRingSeconds: 60,
      workAutoAcceptHours: 72,
      commissionPercent: 20,
      currency: "RUB",
      stripe: undefined,
    });
  });

  it.each([
    [{ PORT: "http" }, /PORT/],
    [{ COMMISSION_PERCENT: "120" }, /COMMISSION_PERCENT/],
    [{ BILLING_BLOCK_SECONDS: "0" }, /BILLING_BLOCK_SECONDS/],
    [{ CURRENCY: "rub" }, /CURRENCY/],
    [{ REDIS_PREFIX: "a b" }, /REDIS_PREFIX/],
    [{ S3_ENDPOINT: "minio:9000", S3_BUCKET: "b" }, /S3_ENDPOINT/],
    [{ S3_ENDPOINT: "http://minio:9000" }, /S3_BUCKET/],
    [{ S3_BUCKET: "b", S3_ACCESS_KEY_ID: "key" }, /S3_SECRET_ACCESS_KEY/],
    [{ S3_BUCKET: "b", S3_FORCE_PATH_STYLE: "maybe" }, /S3_FORCE_PATH_STYLE/],
    [{ NODE_ENV: "production" }, /STRIPE_SECRET_KEY/],
    [{ NODE_ENV: "production", STRIPE_SECRET_KEY: "sk", STRIPE_WEBHOOK_SECRET: "wh" }, /SECRET_KEY/],
    [{ NODE_ENV: "production", DEVELOPMENT_ADAPTERS: "true", SECRET_KEY: "short" }, /SECRET_KEY/],
    [
      { NODE_ENV: "production", STRIPE_SECRET_KEY: "sk", STRIPE_WEBHOOK_SECRET: "wh", SECRET_KEY: "x".repeat(32) },
      /SMS_GATEWAY_URL/,
    ],
  ])("refuses %j", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("defaults the site's own address for absolute links to PORT and HOST, localhost for a wildcard", () => {
    expect(loadConfig({}).siteUrl).toBe("http://localhost:3000");
    expect(loadConfig({ PORT: "8080", HOST: "::" }).siteUrl).toBe("http://localhost:8080");
    expect(loadConfig({ PORT: "8080", HOST: "192.168.1.5" }).siteUrl).toBe("http://192.168.1.5:8080");
    expect(loadConfig({ HOST: "::1" }).siteUrl).toBe("http://[::1]:3000");
    expect(loadConfig({ PUBLIC_URL: "https://tweeps.example/" }).siteUrl).toBe("https://tweeps.example");
  });

  it("lets Next's development server accept the loopback names and HOST", () => {
    expect(devOrigins({})).toEqual(["127.0.0.1", "localhost", "::1"]);
    expect(devOrigins({ HOST: "0.0.0.0" })).toEqual(["127.0.0.1", "localhost", "::1"]);
    expect(devOrigins({ HOST: "192.168.1.5" })).toEqual(["127.0.0.1", "localhost", "::1", "192.168.1.5"]);
  });

  it("never seeds the demo in production or on PostgreSQL unless asked", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://x/y" }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", DEVELOPMENT_ADAPTERS: "true", SECRET_KEY: "k".repeat(32) }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgres://x/y", SEED_DEMO: "true" }).seedDemo).toBe(true);
  });

  it("uses Stripe only when both keys are set, and treats empty variables as unset", () => {
    expect(loadConfig({ STRIPE_SECRET_KEY: "sk_test_1" }).stripe).toBeUndefined();
    expect(loadConfig({ STRIPE_SECRET_KEY: "sk_test_1", STRIPE_WEBHOOK_SECRET: "whsec_1" }).stripe).toMatchObject({
      secretKey: "sk_test_1",
      webhookSecret: "whsec_1",
    });
    expect(loadConfig({ DATABASE_URL: "", PORT: "" })).toMatchObject({ databaseUrl: undefined, port: 3000 });
  });

  it("keeps Redis keys under REDIS_PREFIX and files on disk unless an S3 bucket is named", () => {
    expect(loadConfig({})).toMatchObject({ redisPrefix: "tweeps", s3: undefined });
    expect(loadConfig({ REDIS_PREFIX: "staging" }).redisPrefix).toBe("staging");
    expect(loadConfig({ S3_BUCKET: "files" }).s3).toEqual({
      bucket: "files",
      endpoint: undefined,
      region: "us-east-1",
      credentials: undefined,
      forcePathStyle: false,
    });
    expect(
      loadConfig({
        S3_BUCKET: "files",
        S3_ENDPOINT: "http://minio:9000",
        S3_REGION: "eu-central-1",
        S3_ACCESS_KEY_ID: "key",
        S3_SECRET_ACCESS_KEY: "secret",
      }).s3,
    ).toEqual({
      bucket: "files",
      endpoint: "http://minio:9000",
      region: "eu-central-1",
      credentials: { accessKeyId: "key", secretAccessKey: "secret" },
      forcePathStyle: true,
    });
    expect(loadConfig({ S3_BUCKET: "files", S3_ENDPOINT: "http://ceph:7480", S3_FORCE_PATH_STYLE: "false" }).s3?.forcePathStyle).toBe(false);
  });

  it("takes the SFU's announced address and UDP port range, both ends or neither", () => {
    const config = loadConfig({ MEDIA_PUBLIC_IP: "203.0.113.10", MEDIA_PORT_MIN: "40000", MEDIA_PORT_MAX: "40199" });
    expect(config.mediaIce).toEqual({ additionalHostAddresses: ["203.0.113.10"], portRange: [40000, 40199] });
    expect(loadConfig({}).mediaIce).toEqual({ additionalHostAddresses: [], portRange: undefined });
    expect(() => loadConfig({ MEDIA_PORT_MIN: "40000" })).toThrow(/MEDIA_PORT_MIN and MEDIA_PORT_MAX go together/);
    expect(() => loadConfig({ MEDIA_PORT_MIN: "40100", MEDIA_PORT_MAX: "40000" })).toThrow(/MEDIA_PORT_MIN and MEDIA_PORT_MAX/);
    expect(() => loadConfig({ MEDIA_PUBLIC_IP: "not-an-ip" })).toThrow(/MEDIA_PUBLIC_IP/);
    expect(loadConfig({ MEDIA_NODE_URL: "http://media-1:4100" }).mediaNode).toMatchObject({ url: "http://media-1:4100", port: 4100, capacity: 200 });
  });
});
