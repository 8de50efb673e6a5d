import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Upload } from "../domain/tweeps/upload-tweep-file.ts";
import { AppError } from "../errors.ts";
import type { HttpEnv } from "./http-env.ts";
import { errorResponses, jsonResponse } from "./schemas.ts";

// One file sent as multipart/form-data in the field `file`: how every upload route limits,
// documents and reads it (tweep files, shared documents).

export const uploadLimit = (maxBytes: number) =>
  bodyLimit({
    // Room for the multipart framing around the one file; the file itself is counted exactly.
    maxSize: maxBytes + 64 * 1024,
    onError: (c) => {
      c.header("Connection", "close");
      throw new AppError("payload_too_large", `The file is larger than ${maxBytes / 1024 / 1024} MB.`);
    },
  });

export const multipartBody = (description: string) => ({
  content: {
    "multipart/form-data": {
      schema: z.object({ file: z.any().openapi({ type: "string", format: "binary", description }) }),
    },
  },
  required: true,
});

export const uploadErrors = {
  ...errorResponses,
  413: jsonResponse(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), "Too large"),
  415: jsonResponse(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), "Not an allowed type"),
};

export async function readUpload(c: Context<HttpEnv>): Promise<Upload> {
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw new AppError("validation_failed", "Send the file as multipart/form-data in the field `file`.");
  }
  const file = form.file;
  if (!(file instanceof File)) throw new AppError("validation_failed", "file: send one file in the field `file`.");
  return { fileName: file.name, contentType: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
}

