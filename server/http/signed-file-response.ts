import { Readable } from "node:stream";
import type { Context } from "hono";
import { AppError, toErrorBody } from "../errors.ts";
import type { HttpEnv } from "./http-env.ts";

export type OpenedFile = { stream: Readable; fileName: string; contentType: string; sizeBytes: number };

/** RFC 6266 / 5987: an ASCII fallback name plus the exact UTF-8 name, neither able to break the header. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\/%;]/g, "_").trim() || "download";
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const SIMPLE_MIME = /^[a-z]+\/[a-z0-9.+-]+$/i;

/**
 * The one way a signed file link is answered (order downloads, message attachments, shared
 * documents): the file as a private, non-sniffable attachment, or the domain's refusal, with
 * an expired link as 410 Gone ("this link is over, ask for a new one"), which AppError has
 * no status for.
 */
export async function respondWithSignedFile(c: Context<HttpEnv>, open: () => Promise<OpenedFile>): Promise<Response> {
  let file: OpenedFile;
  try {
    file = await open();
  } catch (error) {
    if (error instanceof AppError && (error.details as { reason?: string } | undefined)?.reason === "link_expired") {
      return c.json({ error: { code: "link_expired", message: error.message } }, 410);
    }
    if (error instanceof AppError) return c.json(toErrorBody(error), error.status as 403);
    throw error;
  }
  return new Response(Readable.toWeb(file.stream) as ReadableStream, {
    status: 200,
    headers: {
      "content-type": SIMPLE_MIME.test(file.contentType) ? file.contentType : "application/octet-stream",
      "content-length": String(file.sizeBytes),
      "content-disposition": contentDisposition(file.fileName),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    },
  });
}
