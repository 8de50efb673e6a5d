import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { SIGNED_FILE_LINK_TTL_MS, signFileToken, verifyFileToken } from "../files/signed-file-token.ts";
import { findDocumentFor } from "./document-access.ts";
import { pairHasDealings } from "./pair-has-dealings.ts";

const PURPOSE = "shared-document";

/** SPEC 16: a signed link to a shared document for one of its two people, valid 5 minutes. */
export async function createDocumentLink(ctx: AppContext, input: { documentId: string; userId: string }) {
  const document = await findDocumentFor(ctx.db, input.documentId, input.userId);
  const exp = ctx.now().getTime() + SIGNED_FILE_LINK_TTL_MS;
  const token = signFileToken(ctx.config.secretKey, PURPOSE, { id: document.id, userId: input.userId, exp });
  return { url: `/api/v1/document-files/${token}`, expiresAt: new Date(exp).toISOString() };
}

/**
 * The bytes behind a link: valid, unexpired, made for the user presenting it (a forwarded
 * link opens nothing), who is still one of the folder's two people.
 */
export async function openDocument(ctx: AppContext, input: { token: string; userId: string }) {
  const verified = verifyFileToken(ctx.config.secretKey, PURPOSE, input.token, ctx.now());
  if (!verified.ok) {
    throw verified.reason === "expired"
      ? new AppError("forbidden", "This link has expired; ask for a new one.", { details: { reason: "link_expired" } })
      : new AppError("forbidden", "This link is not valid.", { details: { reason: "invalid_link" } });
  }
  if (verified.claims.userId !== input.userId) {
    throw new AppError("forbidden", "This link was made for someone else.", { details: { reason: "not_your_link" } });
  }
  const document = await findDocumentFor(ctx.db, verified.claims.id, input.userId);
  const other = document.userLowId === input.userId ? document.userHighId : document.userLowId;
  if (!(await pairHasDealings(ctx.db, input.userId, other))) throw new AppError("not_found", "There is no such document.");
  const stream = await ctx.storage.read(document.storageKey);
  return { stream, fileName: document.fileName, contentType: document.contentType, sizeBytes: document.sizeBytes };
}
