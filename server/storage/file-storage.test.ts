import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterAll, describe, expect, it } from "vitest";
import { createLocalFileStorage, createMemoryFileStorage, FileTooLargeError } from "./file-storage.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "tweeps-storage-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe.each([
  ["local disk", () => createLocalFileStorage(root)],
  ["memory", () => createMemoryFileStorage()],
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
