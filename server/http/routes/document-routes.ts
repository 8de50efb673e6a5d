import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { deleteDocument } from "../../domain/documents/delete-document.ts";
import { createDocumentLink, openDocument } from "../../domain/documents/document-links.ts";
import { listDocuments } from "../../domain/documents/list-documents.ts";
import { uploadDocument } from "../../domain/documents/upload-document.ts";
import { MAX_DELIVERABLE_BYTES } from "../../domain/tweeps/file-types.ts";
import { authenticated, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { DocumentFolder, DocumentLink, SharedDocument } from "../../../contract/documents.ts";
import { multipartBody, readUpload, uploadErrors, uploadLimit } from "../multipart-upload.ts";
import { errorResponses, jsonResponse, sessionRequired } from "../schemas.ts";
import { respondWithSignedFile } from "../signed-file-response.ts";

const Contact = z.object({ userId: z.uuid() });
const DocumentId = z.object({ id: z.uuid() });

const list = createRoute({
  operationId: "listSharedDocuments",
  security: sessionRequired,
  method: "get",
  path: "/contacts/{userId}/documents",
  middleware: [authenticated] as const,
  tags: ["documents"],
  summary: "The documents folder you share with a person you have an order (or appointment) with",
  request: { params: Contact },
  responses: { 200: jsonResponse(DocumentFolder, "The folder"), ...errorResponses },
});
const upload = createRoute({
  operationId: "uploadSharedDocument",
  security: sessionRequired,
  method: "post",
  path: "/contacts/{userId}/documents",
  middleware: [authenticated, uploadLimit(MAX_DELIVERABLE_BYTES)] as const,
  tags: ["documents"],
  summary: "Put a document into the shared folder (the files rules: 20 MB; PDF, ZIP, PNG, JPEG, MP3, MP4, TXT, DOCX, XLSX)",
  request: { params: Contact },
  responses: { 201: jsonResponse(z.object({ document: SharedDocument }), "Stored"), ...uploadErrors },
});
// Only the shape is documented; the upload is read and checked by hand in readUpload.
(upload.request as Record<string, unknown>).body = multipartBody("The document");

const link = createRoute({
  operationId: "createSharedDocumentLink",
  security: sessionRequired,
  method: "get",
  path: "/documents/{id}/link",
  middleware: [authenticated] as const,
  tags: ["documents"],
  summary: "A signed link to a shared document, for you, valid for 5 minutes",
  request: { params: DocumentId },
  responses: { 200: jsonResponse(DocumentLink, "The link"), ...errorResponses },
});
const remove = createRoute({
  operationId: "deleteSharedDocument",
  security: sessionRequired,
  method: "delete",
  path: "/documents/{id}",
  middleware: [authenticated] as const,
  tags: ["documents"],
  summary: "Delete a document you uploaded",
  request: { params: DocumentId },
  responses: { 204: { description: "Deleted" }, ...errorResponses },
});
const file = createRoute({
  operationId: "openSharedDocument",
  security: sessionRequired,
  method: "get",
  path: "/document-files/{token}",
  middleware: [authenticated] as const,
  tags: ["documents"],
  summary: "The document behind a signed link, for the user it was made for, within 5 minutes",
  request: { params: z.object({ token: z.string().min(1).max(2000) }) },
  responses: {
    200: { description: "The document as an attachment", content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } } },
    410: { description: "The link expired (code link_expired)" },
    ...errorResponses,
  },
});

export function registerDocumentRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(list, async (c) => c.json(await listDocuments(ctx, { userId: requireUser(c).id, contactId: c.req.valid("param").userId }), 200));
  api.openapi(upload, async (c) => {
    const userId = requireUser(c).id;
    const document = await uploadDocument(ctx, { userId, contactId: c.req.valid("param").userId, file: await readUpload(c) });
    return c.json({ document }, 201);
  });
  api.openapi(link, async (c) => c.json(await createDocumentLink(ctx, { documentId: c.req.valid("param").id, userId: requireUser(c).id }), 200));
  api.openapi(remove, async (c) => {
    await deleteDocument(ctx, { documentId: c.req.valid("param").id, userId: requireUser(c).id });
    return c.body(null, 204);
  });
  api.openapi(file, async (c) => {
    const user = requireUser(c);
    const token = c.req.valid("param").token;
    return (await respondWithSignedFile(c, () => openDocument(ctx, { token, userId: user.id }))) as never;
  });
}
