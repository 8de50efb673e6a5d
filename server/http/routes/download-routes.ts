import { Readable } from "node:stream";
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { openDownload } from "../../domain/orders/open-download.ts";
import { AppError, toErrorBody } from "../../errors.ts";
import { authenticated, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { errorResponses, sessionRequired } from "../schemas.ts";

const download = createRoute({
  operationId: "downloadFile",
  security: sessionRequired,
  method: "get",
  path: "/downloads/{token}",
  middleware: [authenticated] as const,
  tags: ["orders"],
  summary: "The file behind a signed link, for the user it was made for, within 5 minutes",
  request: { params: z.object({ token: z.string().min(1).max(2000) }) },
  responses: {
    200: { description: "The file as an attachment", content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } } },
    410: { description: "The link expired (code link_expired)" },
    ...errorResponses,
  },
});

/** RFC 6266 / 5987: an ASCII fallback name plus the exact UTF-8 name, neither able to break the header. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\/%;]/g, "_").trim() || "download";
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const SIMPLE_MIME = /^[a-z]+\/[a-z0-9.+-]+$/i;

export function registerDownloadRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(download, async (c) => {
    const user = requireUser(c);
    let file: Awaited<ReturnType<typeof openDownload>>;
    try {
      file = await openDownload(ctx, { token: c.req.valid("param").token, userId: user.id });
    } catch (error) {
      if (error instanceof AppError && (error.details as { reason?: string } | undefined)?.reason === "link_expired") {
        // 410 Gone says "this link is over, ask for a new one"; AppError has no such status.
        return c.json({ error: { code: "link_expired", message: error.message } }, 410) as never;
      }
      if (error instanceof AppError) return c.json(toErrorBody(error), error.status as 403) as never;
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
    }) as never;
  });
}
