import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { openDownload } from "../../domain/orders/open-download.ts";
import { authenticated, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { errorResponses, sessionRequired } from "../schemas.ts";
import { respondWithSignedFile } from "../signed-file-response.ts";

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

export function registerDownloadRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(download, async (c) => {
    const user = requireUser(c);
    const token = c.req.valid("param").token;
    return (await respondWithSignedFile(c, () => openDownload(ctx, { token, userId: user.id }))) as never;
  });
}
