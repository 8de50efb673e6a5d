import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { Readable } from "node:stream";
import type { AppContext } from "../../context.ts";
import { archiveTweep } from "../../domain/tweeps/archive-tweep.ts";
import { tweepCategoryIds } from "../../domain/tweeps/categories.ts";
import { createTweep } from "../../domain/tweeps/create-tweep.ts";
import { deleteTweepFile } from "../../domain/tweeps/delete-tweep-file.ts";
import { MAX_COVER_BYTES, MAX_DELIVERABLE_BYTES } from "../../domain/tweeps/file-types.ts";
import { getTweep } from "../../domain/tweeps/get-tweep.ts";
import { listMyTweeps } from "../../domain/tweeps/list-my-tweeps.ts";
import { readTweepCover } from "../../domain/tweeps/read-tweep-cover.ts";
import { submitTweep } from "../../domain/tweeps/submit-tweep.ts";
import { MAX_DESCRIPTION_CHARS, MAX_LINKS, MAX_REGION_CHARS, MAX_TITLE_CHARS } from "../../domain/tweeps/tweep-content.ts";
import { uploadCover, uploadDeliverable } from "../../domain/tweeps/upload-tweep-file.ts";
import { updateTweep } from "../../domain/tweeps/update-tweep.ts";
import { authenticated, requireUser } from "../guards.ts";
import { multilineText, singleLineText } from "../../../contract/free-text.ts";
import type { HttpEnv } from "../http-env.ts";
import { AmountMinor, Language } from "../../../contract/common.ts";
import { FileInfo, OwnTweep, Revision, Tweep, TweepPage } from "../../../contract/tweeps.ts";
import { errorResponses, jsonBody, jsonResponse, sessionOptional, sessionRequired } from "../schemas.ts";
import { multipartBody, readUpload, uploadErrors, uploadLimit } from "../multipart-upload.ts";

const TweepId = z.object({ id: z.uuid() });
const Title = (max: number) => z.strictObject({ ru: singleLineText().max(max).optional(), en: singleLineText().max(max).optional() });
const Texts = (max: number) => z.strictObject({ ru: multilineText().max(max).optional(), en: multilineText().max(max).optional() });
const Region = singleLineText()
  .max(MAX_REGION_CHARS)
  .openapi({ description: "Where the service is offered (SPEC 20); blank for none: the catalog's region filter then uses the provider's", example: "Moscow" });
const Link = singleLineText().max(2000).openapi({ example: "https://example.com/guide" });

// Field shapes here; the rules across fields (texts per language, prices per type) are the
// domain's, so every transport gets them.
const content = {
  languages: z.array(Language).min(1).max(2),
  title: Title(MAX_TITLE_CHARS),
  description: Texts(MAX_DESCRIPTION_CHARS),
  category: z.enum(tweepCategoryIds),
};

const NewTweep = z
  .strictObject({
    type: z.enum(["consultation", "work", "files"]),
    ...content,
    videoPriceMinor: AmountMinor.optional(),
    textPriceMinor: AmountMinor.optional(),
    priceMinor: AmountMinor.optional(),
    links: z.array(Link).max(MAX_LINKS).optional(),
    region: Region.optional(),
  })
  .openapi("NewTweep");

const TweepChanges = z
  .strictObject({
    languages: content.languages.optional(),
    title: content.title.optional(),
    description: content.description.optional(),
    category: content.category.optional(),
    videoPriceMinor: AmountMinor.nullable().optional(),
    textPriceMinor: AmountMinor.nullable().optional(),
    priceMinor: AmountMinor.optional(),
    links: z.array(Link).max(MAX_LINKS).nullable().optional(),
    region: Region.nullable().optional(),
  })
  .openapi("TweepChanges");

const create = createRoute({
  operationId: "createTweep",
  security: sessionRequired,
  method: "post",
  path: "/tweeps",
  middleware: [authenticated] as const,
  tags: ["tweeps"],
  summary: "Write a new tweep: a draft only you see",
  request: { body: jsonBody(NewTweep) },
  responses: { 201: jsonResponse(z.object({ tweep: Tweep }), "The draft"), ...errorResponses },
});

const patch = createRoute({
  operationId: "updateTweep",
  security: sessionRequired,
  method: "patch",
  path: "/tweeps/{id}",
  middleware: [authenticated] as const,
  tags: ["tweeps"],
  summary: "Edit: drafts and rejected tweeps in place; a published tweep gets a pending revision",
  request: { params: TweepId, body: jsonBody(TweepChanges) },
  responses: {
    200: jsonResponse(z.object({ tweep: Tweep, pendingRevision: Revision.nullable() }), "Saved"),
    ...errorResponses,
  },
});

const submit = createRoute({
  operationId: "submitTweep",
  security: sessionRequired,
  method: "post",
  path: "/tweeps/{id}/submit",
  middleware: [authenticated] as const,
  tags: ["tweeps"],
  summary: "Send a draft to moderation",
  request: { params: TweepId },
  responses: { 200: jsonResponse(z.object({ tweep: Tweep }), "Pending moderation"), ...errorResponses },
});

const archive = createRoute({
  operationId: "archiveTweep",
  security: sessionRequired,
  method: "post",
  path: "/tweeps/{id}/archive",
  middleware: [authenticated] as const,
  tags: ["tweeps"],
  summary: "Take a tweep off the catalog; open orders are unaffected",
  request: { params: TweepId },
  responses: { 200: jsonResponse(z.object({ tweep: Tweep }), "Archived"), ...errorResponses },
});

const get = createRoute({
  operationId: "getTweep",
  security: sessionOptional,
  method: "get",
  path: "/tweeps/{id}",
  tags: ["tweeps"],
  summary: "A tweep: published ones for anyone, others for the owner and moderators",
  request: { params: TweepId },
  responses: { 200: jsonResponse(z.object({ tweep: TweepPage }), "The tweep"), ...errorResponses },
});

const mine = createRoute({
  operationId: "listMyTweeps",
  security: sessionRequired,
  method: "get",
  path: "/me/tweeps",
  middleware: [authenticated] as const,
  tags: ["tweeps"],
  summary: "Your tweeps in every status, with moderators' reasons",
  responses: { 200: jsonResponse(z.object({ items: z.array(OwnTweep) }), "Your tweeps"), ...errorResponses },
});

const uploadFile = createRoute({
  operationId: "uploadTweepFile",
  security: sessionRequired,
  method: "post",
  path: "/tweeps/{id}/files",
  middleware: [authenticated, uploadLimit(MAX_DELIVERABLE_BYTES)] as const,
  tags: ["tweeps"],
  summary: "Add a deliverable to a files tweep (at most 3; 20 MB; PDF, ZIP, PNG, JPEG, MP3, MP4, TXT, DOCX, XLSX)",
  request: { params: TweepId },
  responses: { 201: jsonResponse(z.object({ file: FileInfo }), "Stored"), ...uploadErrors },
});
// Only the shape is documented; the upload is read and checked by hand in readUpload.
(uploadFile.request as Record<string, unknown>).body = multipartBody("The file");

const deleteFile = createRoute({
  operationId: "deleteTweepFile",
  security: sessionRequired,
  method: "delete",
  path: "/tweeps/{id}/files/{fileId}",
  middleware: [authenticated] as const,
  tags: ["tweeps"],
  summary: "Remove a deliverable (buyers who paid keep access)",
  request: { params: z.object({ id: z.uuid(), fileId: z.uuid() }) },
  responses: { 204: { description: "Removed" }, ...errorResponses },
});

const uploadCoverRoute = createRoute({
  operationId: "uploadTweepCover",
  security: sessionRequired,
  method: "post",
  path: "/tweeps/{id}/cover",
  middleware: [authenticated, uploadLimit(MAX_COVER_BYTES)] as const,
  tags: ["tweeps"],
  summary: "Set the cover image (PNG, JPEG or WebP, 5 MB); on a published tweep it goes to moderation",
  request: { params: TweepId },
  responses: {
    201: jsonResponse(z.object({ file: FileInfo.extend({ appliesTo: z.enum(["tweep", "pending_revision"]) }) }), "Stored"),
    ...uploadErrors,
  },
});
(uploadCoverRoute.request as Record<string, unknown>).body = multipartBody("The image");

const cover = createRoute({
  operationId: "getTweepCover",
  method: "get",
  path: "/tweeps/{id}/cover",
  tags: ["tweeps"],
  summary: "The cover image",
  request: { params: TweepId },
  responses: { 200: { description: "The image", content: { "image/*": { schema: z.string().openapi({ format: "binary" }) } } }, ...errorResponses },
});

const viewerOf = (c: Context<HttpEnv>) => {
  const user = c.get("user");
  return user ? { id: user.id, isModerator: user.isModerator } : null;
};

export function registerTweepRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(create, async (c) => {
    const tweep = await createTweep(ctx, { providerId: requireUser(c).id, ...c.req.valid("json") });
    return c.json({ tweep }, 201);
  });
  api.openapi(patch, async (c) => {
    const result = await updateTweep(ctx, { tweepId: c.req.valid("param").id, ownerId: requireUser(c).id, changes: c.req.valid("json") });
    return c.json(result, 200);
  });
  api.openapi(submit, async (c) =>
    c.json({ tweep: await submitTweep(ctx, { tweepId: c.req.valid("param").id, ownerId: requireUser(c).id }) }, 200),
  );
  api.openapi(archive, async (c) =>
    c.json({ tweep: await archiveTweep(ctx, { tweepId: c.req.valid("param").id, ownerId: requireUser(c).id }) }, 200),
  );
  api.openapi(mine, async (c) => c.json(await listMyTweeps(ctx, { ownerId: requireUser(c).id }), 200));
  api.openapi(get, async (c) => c.json({ tweep: await getTweep(ctx, { tweepId: c.req.valid("param").id, viewer: viewerOf(c) }) }, 200));
  api.openapi(uploadFile, async (c) => {
    const ownerId = requireUser(c).id;
    const file = await uploadDeliverable(ctx, { tweepId: c.req.valid("param").id, ownerId, file: await readUpload(c) });
    return c.json({ file }, 201);
  });
  api.openapi(deleteFile, async (c) => {
    const { id, fileId } = c.req.valid("param");
    await deleteTweepFile(ctx, { tweepId: id, fileId, ownerId: requireUser(c).id });
    return c.body(null, 204);
  });
  api.openapi(uploadCoverRoute, async (c) => {
    const ownerId = requireUser(c).id;
    const file = await uploadCover(ctx, { tweepId: c.req.valid("param").id, ownerId, file: await readUpload(c) });
    return c.json({ file }, 201);
  });
  api.openapi(cover, async (c) => {
    const image = await readTweepCover(ctx, { tweepId: c.req.valid("param").id, viewer: viewerOf(c) });
    return new Response(Readable.toWeb(image.body) as ReadableStream, {
      status: 200,
      headers: {
        "content-type": image.contentType,
        "content-length": String(image.sizeBytes),
        "x-content-type-options": "nosniff",
        "content-disposition": "inline",
        "cache-control": image.public ? "public, max-age=300" : "private, no-store",
      },
    });
  });
}
