import { randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Where uploaded bytes live. Keys are generated here, never taken from a file's name, so
 * an upload cannot choose its path. The local adapter keeps files under DATA_DIR; an
 * S3-compatible adapter can implement the same four calls.
 */
export type FileStorage = {
  /** Stores the bytes and returns the new key. Stops with an error past `maxBytes`. */
  put(source: Readable | Uint8Array, options: { maxBytes: number }): Promise<{ key: string; sizeBytes: number }>;
  read(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
  close(): void;
};

export class FileTooLargeError extends Error {}

const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

export function createLocalFileStorage(root: string): FileStorage {
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error("not a storage key");
    return path.join(root, key);
  };
  return {
    async put(source, { maxBytes }) {
      const key = newStorageKey();
      const target = pathOf(key);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      let sizeBytes = 0;
      const input = source instanceof Uint8Array ? Readable.from([source]) : source;
      try {
        await pipeline(
          input,
          async function* (chunks: AsyncIterable<Uint8Array>) {
            for await (const chunk of chunks) {
              sizeBytes += chunk.byteLength;
              if (sizeBytes > maxBytes) throw new FileTooLargeError(`larger than ${maxBytes} bytes`);
              yield chunk;
            }
          },
          fs.createWriteStream(target, { flags: "wx" }),
        );
      } catch (error) {
        await fsp.rm(target, { force: true });
        throw error;
      }
      return { key, sizeBytes };
    },
    async read(key) {
      const file = pathOf(key);
      await fsp.access(file);
      return fs.createReadStream(file);
    },
    async remove(key) {
      await fsp.rm(pathOf(key), { force: true });
    },
    close() {},
  };
}

/** A new key: two characters of fan-out, then a random id. */
export function newStorageKey(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}`;
}

/** The whole source in memory, refused as soon as it passes `maxBytes`. */
export async function readWithinLimit(source: Readable | Uint8Array, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let sizeBytes = 0;
  const input = source instanceof Uint8Array ? [source] : source;
  for await (const chunk of input as AsyncIterable<Uint8Array>) {
    sizeBytes += chunk.byteLength;
    if (sizeBytes > maxBytes) throw new FileTooLargeError(`larger than ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** Tests and `DATA_DIR=memory://` keep files in memory, like the database. */
export function createMemoryFileStorage(): FileStorage {
  const files = new Map<string, Buffer>();
  return {
    async put(source, { maxBytes }) {
      const bytes = await readWithinLimit(source, maxBytes);
      const key = newStorageKey();
      files.set(key, bytes);
      return { key, sizeBytes: bytes.byteLength };
    },
    async read(key) {
      const bytes = files.get(key);
      if (!bytes) throw new Error("no such file");
      return Readable.from([bytes]);
    },
    async remove(key) {
      files.delete(key);
    },
    close() {
      files.clear();
    },
  };
}
