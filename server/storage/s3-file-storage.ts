import { Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { type FileStorage, newStorageKey, readWithinLimit } from "./file-storage.ts";

export type S3Settings = {
  /** Another S3-compatible service (MinIO, Ceph RGW…); unset: AWS itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Unset: the SDK's own chain (instance role, AWS_* variables, shared files). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** `bucket` in the path instead of the host name, as most self-hosted services want. */
  forcePathStyle: boolean;
};

const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

/**
 * Files in an S3-compatible bucket, so every app process reads what any of them stored.
 * The same keys as on disk; downloads are streamed through the app (docs/decisions.md).
 */
export function createS3FileStorage(settings: S3Settings): FileStorage {
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
  });
  const checked = (key: string) => {
    if (!KEY.test(key)) throw new Error("not a storage key");
    return key;
  };
  return {
    async put(source, { maxBytes }) {
      // Every caller holds the bytes already (uploads are read whole and checked first);
      // a body of known length is one PUT, with nothing left behind if the limit is passed.
      const body = await readWithinLimit(source, maxBytes);
      const key = newStorageKey();
      await client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: key, Body: body, ContentLength: body.byteLength }));
      return { key, sizeBytes: body.byteLength };
    },
    async read(key) {
      const answer = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: checked(key) }));
      if (!(answer.Body instanceof Readable)) throw new Error("no body in the storage's answer");
      return answer.Body;
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: checked(key) }));
    },
    close() {
      client.destroy();
    },
  };
}
