import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server } from "../../tests/fixtures/s3-server.ts";
import { loadConfig } from "../env.ts";
import { createLocalFileStorage, createMemoryFileStorage, FileTooLargeError } from "./file-storage.ts";
import { createS3FileStorage } from "./s3-file-storage.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "tweeps-storage-"));
// A local server speaking the S3 protocol, started and stopped by this file.
let s3: Awaited<ReturnType<typeof startS3Server>>;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  fs.rmSync(root, { recursive: true, force: true });
  await s3?.stop();
});
const s3Storage = () => createS3FileStorage(loadConfig(s3.env).s3!);

describe.each([
  ["local disk", () => createLocalFileStorage(root)],
  ["memory", () => createMemoryFileStorage()],
  ["an S3-compatible service", s3Storage],
])("file storage on %s", (_, create) => {
  it("stores, reads back and removes bytes under a key it chose", async () => {
    const storage = create();
    const { key, sizeBytes } = await storage.put(Readable.from([Buffer.from("hello "), Buffer.from("world")]), { maxBytes: 100 });
    expect(sizeBytes).toBe(11);
    expect(key).toMatch(/^[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    expect(await text(await storage.read(key))).toBe("hello world");
    await storage.remove(key);
    await expect(storage.read(key)).rejects.toThrow();
  });

  it("refuses more than the limit and keeps nothing", async () => {
    const storage = create();
    await expect(storage.put(new Uint8Array(101), { maxBytes: 100 })).rejects.toBeInstanceOf(FileTooLargeError);
  });

  it("never reads a path that is not one of its keys", async () => {
    const storage = create();
    await expect(storage.read("../../etc/passwd")).rejects.toThrow();
  });
});

describe("file storage on S3", () => {
  it("keeps the bytes in the bucket, where another process's adapter reads them", async () => {
    const first = s3Storage();
    const second = s3Storage();
    const { key } = await first.put(Buffer.from("shared"), { maxBytes: 100 });
    expect(await text(await second.read(key))).toBe("shared");
    await second.remove(key);
    await expect(first.read(key)).rejects.toThrow();
    first.close();
    second.close();
  });
});
