import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { findOrderFile } from "./create-download-link.ts";
import { verifyDownloadToken } from "./download-token.ts";
import { loadOrderFor } from "./order-access.ts";

/**
 * Opens the file behind a download link. The link alone is not enough: the session user
 * must be the one it was made for, so a leaked link is useless to anyone else, and the
 * order and file are checked again (a file deleted since, an order that changed).
 * An expired link is refused with `details.reason = "link_expired"`.
 */
export async function openDownload(ctx: AppContext, input: { token: string; userId: string }) {
  const verified = verifyDownloadToken(ctx.config.secretKey, input.token, ctx.now());
  if (!verified.ok) {
    throw verified.reason === "expired"
      ? new AppError("forbidden", "This download link has expired; ask for a new one.", { details: { reason: "link_expired" } })
      : new AppError("forbidden", "This download link is not valid.", { details: { reason: "invalid_link" } });
  }
  const { claims } = verified;
  if (claims.userId !== input.userId) {
    throw new AppError("forbidden", "This download link was made for someone else.", { details: { reason: "not_your_link" } });
  }
  const order = await loadOrderFor(ctx.db, claims.orderId, { id: input.userId });
  const file = await findOrderFile(ctx, order, claims.fileId);
  const stream = await ctx.storage.read(file.storageKey);
  return { stream, fileName: file.fileName, contentType: file.contentType, sizeBytes: file.sizeBytes };
}
