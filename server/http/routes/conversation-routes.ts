import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppContext } from "../../context.ts";
import { createAttachmentLink, openAttachment } from "../../domain/conversations/attachment-links.ts";
import { listConversations } from "../../domain/conversations/list-conversations.ts";
import { readConversation } from "../../domain/conversations/read-conversation.ts";
import { type Attachment, sendDirectMessage } from "../../domain/conversations/send-direct-message.ts";
import { MAX_DELIVERABLE_BYTES } from "../../domain/tweeps/file-types.ts";
import { AppError } from "../../errors.ts";
import { authenticated, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { ConversationList, ConversationPage, DirectMessage, SendDirectMessage as SendMessage, SignedLink } from "../../../contract/people.ts";
import { errorResponses, jsonResponse, sessionRequired } from "../schemas.ts";
import { respondWithSignedFile } from "../signed-file-response.ts";

const WithUser = z.object({ userId: z.uuid() });

const list = createRoute({
  operationId: "listConversations",
  security: sessionRequired,
  method: "get",
  path: "/conversations",
  middleware: [authenticated] as const,
  tags: ["messages"],
  summary: "Your conversations with their unread counts",
  responses: { 200: jsonResponse(ConversationList, "Conversations"), ...errorResponses },
});
const read = createRoute({
  operationId: "readConversation",
  security: sessionRequired,
  method: "get",
  path: "/conversations/{userId}/messages",
  middleware: [authenticated] as const,
  tags: ["messages"],
  summary: "The conversation with a person you share an order or an invitation with; reading marks it read",
  request: { params: WithUser, query: z.object({ before: z.iso.datetime({ offset: true }).optional() }) },
  responses: { 200: jsonResponse(ConversationPage, "Messages"), ...errorResponses },
});
const send = createRoute({
  operationId: "sendDirectMessage",
  security: sessionRequired,
  method: "post",
  path: "/conversations/{userId}/messages",
  middleware: [
    authenticated,
    bodyLimit({
      maxSize: MAX_DELIVERABLE_BYTES + 64 * 1024,
      onError: (c) => {
        c.header("Connection", "close");
        throw new AppError("payload_too_large", "The file is larger than 20 MB.");
      },
    }),
  ] as const,
  tags: ["messages"],
  summary: "Write to the person: JSON {body}, or multipart with `body` and one `file` (the files rules, 20 MB)",
  request: { params: WithUser },
  responses: {
    201: jsonResponse(z.object({ message: DirectMessage }), "Sent"),
    413: jsonResponse(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), "Too large"),
    415: jsonResponse(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), "Not an allowed type"),
    ...errorResponses,
  },
});
// The body is read by hand (JSON or multipart), so it is documented only after the route is
// registered: a validator per content type would refuse the other one.
const sendBodyDoc = {
  content: {
    "application/json": { schema: SendMessage },
    "multipart/form-data": { schema: z.object({ body: SendMessage.shape.body.optional(), file: z.any().openapi({ type: "string", format: "binary" }) }) },
  },
  required: true,
};

const link = createRoute({
  operationId: "createAttachmentLink",
  security: sessionRequired,
  method: "post",
  path: "/conversations/{userId}/messages/{messageId}/link",
  middleware: [authenticated] as const,
  tags: ["messages"],
  summary: "A signed link to a message's attachment, for you, valid for 5 minutes",
  request: { params: WithUser.extend({ messageId: z.uuid() }) },
  responses: { 200: jsonResponse(SignedLink, "The link"), ...errorResponses },
});
const attachment = createRoute({
  operationId: "openAttachment",
  security: sessionRequired,
  method: "get",
  path: "/attachments/{token}",
  middleware: [authenticated] as const,
  tags: ["messages"],
  summary: "The attachment behind a signed link, for the user it was made for, within 5 minutes",
  request: { params: z.object({ token: z.string().min(1).max(2000) }) },
  responses: {
    200: { description: "The file", content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } } },
    410: { description: "The link expired (code link_expired)" },
    ...errorResponses,
  },
});

/** JSON `{body}` or multipart `body` + `file`; anything else is a validation error. */
async function readMessage(c: Context<HttpEnv>): Promise<{ body: string; attachment?: Attachment }> {
  const type = c.req.header("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw new AppError("validation_failed", "Send the message as multipart/form-data with `body` and `file`.");
    }
    // The multipart body passes the same schema as the JSON one (the free-text check included).
    const body = readBody({ body: typeof form.body === "string" ? form.body : "" });
    const file = form.file;
    if (file !== undefined && !(file instanceof File)) throw new AppError("validation_failed", "file: send one file in the field `file`.");
    return {
      body,
      attachment: file ? { fileName: file.name, contentType: file.type, bytes: new Uint8Array(await file.arrayBuffer()) } : undefined,
    };
  }
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new AppError("validation_failed", "Send JSON {body} or multipart/form-data.");
  }
  return { body: readBody(json) };
}

function readBody(input: unknown): string {
  const parsed = SendMessage.safeParse(input);
  if (!parsed.success) throw new AppError("validation_failed", `body: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data.body;
}

export function registerConversationRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(list, async (c) => c.json(await listConversations(ctx, { userId: requireUser(c).id }), 200));
  api.openapi(read, async (c) => {
    const before = c.req.valid("query").before;
    return c.json(await readConversation(ctx, { userId: requireUser(c).id, withUserId: c.req.valid("param").userId, before: before ? new Date(before) : undefined }), 200);
  });
  api.openapi(send, async (c) => {
    const authorId = requireUser(c).id;
    const message = await sendDirectMessage(ctx, { authorId, toUserId: c.req.valid("param").userId, ...(await readMessage(c)) });
    return c.json({ message }, 201);
  });
  (send.request as Record<string, unknown>).body = sendBodyDoc;
  api.openapi(link, async (c) => c.json(await createAttachmentLink(ctx, { messageId: c.req.valid("param").messageId, userId: requireUser(c).id }), 200));
  api.openapi(attachment, async (c) => {
    const user = requireUser(c);
    const token = c.req.valid("param").token;
    return (await respondWithSignedFile(c, () => openAttachment(ctx, { token, userId: user.id }))) as never;
  });
}
