import { Readable } from "node:stream";
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppContext } from "../../context.ts";
import { decideProfileFile, listPendingProfileFiles } from "../../domain/profiles/decide-profile-file.ts";
import { getMyProfile } from "../../domain/profiles/get-my-profile.ts";
import { readProfileImage } from "../../domain/profiles/read-profile-image.ts";
import { updateMyProfile } from "../../domain/profiles/update-my-profile.ts";
import { removeGalleryImage, uploadProfileImage } from "../../domain/profiles/upload-profile-image.ts";
import type { Upload } from "../../domain/tweeps/upload-tweep-file.ts";
import { MAX_COVER_BYTES } from "../../domain/tweeps/file-types.ts";
import { AppError } from "../../errors.ts";
import { authenticated, requireModerator, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { MyProfile, PendingProfileFile, ProfileChanges, ProfileFile, RejectProfileFile } from "../../../contract/people.ts";
import { errorResponses, jsonBody, jsonResponse, sessionOptional, sessionRequired } from "../schemas.ts";

const uploadLimit = bodyLimit({
  maxSize: MAX_COVER_BYTES + 64 * 1024,
  onError: (c) => {
    c.header("Connection", "close");
    throw new AppError("payload_too_large", "The image is larger than 5 MB.");
  },
});
const multipart = { content: { "multipart/form-data": { schema: z.object({ file: z.any().openapi({ type: "string", format: "binary" }) }) } }, required: true };

const getMine = createRoute({
  operationId: "getMyProfile",
  security: sessionRequired,
  method: "get",
  path: "/me/profile",
  middleware: [authenticated] as const,
  tags: ["profile"],
  summary: "Your provider profile, photos in every moderation state",
  responses: { 200: jsonResponse(z.object({ profile: MyProfile }), "The profile"), ...errorResponses },
});
const patchMine = createRoute({
  operationId: "updateMyProfile",
  security: sessionRequired,
  method: "patch",
  path: "/me/profile",
  middleware: [authenticated] as const,
  tags: ["profile"],
  summary: "Change bio (per language), experience, education, languages or region",
  request: { body: jsonBody(ProfileChanges) },
  responses: { 200: jsonResponse(z.object({ profile: MyProfile }), "The profile"), ...errorResponses },
});
const photo = createRoute({
  operationId: "uploadProfilePhoto",
  security: sessionRequired,
  method: "post",
  path: "/me/profile/photo",
  middleware: [authenticated, uploadLimit] as const,
  tags: ["profile"],
  summary: "Upload a profile photo (PNG, JPEG or WebP, 5 MB); shown once a moderator approves it",
  responses: { 201: jsonResponse(z.object({ file: ProfileFile }), "Waiting for moderation"), ...errorResponses },
});
const gallery = createRoute({
  operationId: "uploadGalleryImage",
  security: sessionRequired,
  method: "post",
  path: "/me/profile/gallery",
  middleware: [authenticated, uploadLimit] as const,
  tags: ["profile"],
  summary: "Add a gallery image (at most 6); shown once a moderator approves it",
  responses: { 201: jsonResponse(z.object({ file: ProfileFile }), "Waiting for moderation"), ...errorResponses },
});
const removeImage = createRoute({
  operationId: "removeGalleryImage",
  security: sessionRequired,
  method: "delete",
  path: "/me/profile/gallery/{id}",
  middleware: [authenticated] as const,
  tags: ["profile"],
  summary: "Remove a gallery image",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 204: { description: "Removed" }, ...errorResponses },
});
const image = createRoute({
  operationId: "getProfileImage",
  security: sessionOptional,
  method: "get",
  path: "/profile-files/{id}",
  tags: ["profile"],
  summary: "A profile photo or gallery image (public once approved)",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: { description: "The image", content: { "image/*": { schema: z.string().openapi({ format: "binary" }) } } }, ...errorResponses },
});
const queue = createRoute({
  operationId: "listPendingProfileFiles",
  security: sessionRequired,
  method: "get",
  path: "/moderation/profile-files",
  middleware: [authenticated] as const,
  tags: ["moderation"],
  summary: "Profile photos and gallery images waiting for moderation, oldest first",
  responses: { 200: jsonResponse(z.object({ items: z.array(PendingProfileFile) }), "The queue"), ...errorResponses },
});
const approve = createRoute({
  operationId: "approveProfileFile",
  security: sessionRequired,
  method: "post",
  path: "/moderation/profile-files/{id}/approve",
  middleware: [authenticated] as const,
  tags: ["moderation"],
  summary: "Approve a profile image",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: jsonResponse(z.object({ file: ProfileFile }), "Approved"), ...errorResponses },
});
const reject = createRoute({
  operationId: "rejectProfileFile",
  security: sessionRequired,
  method: "post",
  path: "/moderation/profile-files/{id}/reject",
  middleware: [authenticated] as const,
  tags: ["moderation"],
  summary: "Reject a profile image with a reason",
  request: { params: z.object({ id: z.uuid() }), body: jsonBody(RejectProfileFile) },
  responses: { 200: jsonResponse(z.object({ file: ProfileFile }), "Rejected"), ...errorResponses },
});

async function readImage(c: Context<HttpEnv>): Promise<Upload> {
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw new AppError("validation_failed", "Send the image as multipart/form-data in the field `file`.");
  }
  const file = form.file;
  if (!(file instanceof File)) throw new AppError("validation_failed", "file: send one image in the field `file`.");
  return { fileName: file.name, contentType: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export function registerProfileRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(getMine, async (c) => c.json({ profile: await getMyProfile(ctx, { userId: requireUser(c).id }) }, 200));
  api.openapi(patchMine, async (c) => c.json({ profile: await updateMyProfile(ctx, { userId: requireUser(c).id, changes: c.req.valid("json") }) }, 200));
  api.openapi(photo, async (c) => c.json({ file: await uploadProfileImage(ctx, { userId: requireUser(c).id, kind: "photo", file: await readImage(c) }) }, 201));
  api.openapi(gallery, async (c) => c.json({ file: await uploadProfileImage(ctx, { userId: requireUser(c).id, kind: "gallery", file: await readImage(c) }) }, 201));
  // Documented after registration: the upload is read and checked by hand in readImage.
  (photo as Record<string, unknown>).request = { body: multipart };
  (gallery as Record<string, unknown>).request = { body: multipart };
  api.openapi(removeImage, async (c) => {
    await removeGalleryImage(ctx, { userId: requireUser(c).id, fileId: c.req.valid("param").id });
    return c.body(null, 204);
  });
  api.openapi(image, async (c) => {
    const user = c.get("user");
    const found = await readProfileImage(ctx, { fileId: c.req.valid("param").id, viewer: user ? { id: user.id, isModerator: user.isModerator } : null });
    return new Response(Readable.toWeb(found.body) as ReadableStream, {
      status: 200,
      headers: {
        "content-type": found.contentType,
        "content-length": String(found.sizeBytes),
        "x-content-type-options": "nosniff",
        "content-disposition": "inline",
        "cache-control": found.public ? "public, max-age=300" : "private, no-store",
      },
    }) as never;
  });
  api.openapi(queue, async (c) => {
    requireModerator(c);
    return c.json(await listPendingProfileFiles(ctx), 200);
  });
  api.openapi(approve, async (c) =>
    c.json({ file: await decideProfileFile(ctx, { fileId: c.req.valid("param").id, moderatorId: requireModerator(c).id, decision: "approve" }) }, 200),
  );
  api.openapi(reject, async (c) =>
    c.json({ file: await decideProfileFile(ctx, { fileId: c.req.valid("param").id, moderatorId: requireModerator(c).id, decision: "reject", reason: c.req.valid("json").reason }) }, 200),
  );
}
