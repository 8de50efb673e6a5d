import { and, eq, isNull } from "drizzle-orm";
import { tweepFiles } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { DOWNLOAD_LINK_TTL_MS, signDownloadToken } from "./download-token.ts";
import { loadOrderFor, type OrderRow } from "./order-access.ts";

/** The file if the order is a paid files order of its tweep and the file is still offered. */
export async function findOrderFile(ctx: AppContext, order: OrderRow, fileId: string) {
  if (order.type !== "files" || order.status !== "paid") {
    throw new AppError("invalid_state", "Files are offered only on a paid files order.");
  }
  const [file] = await ctx.db
    .select()
    .from(tweepFiles)
    .where(
      and(
        eq(tweepFiles.id, fileId),
        eq(tweepFiles.tweepId, order.tweepId),
        eq(tweepFiles.kind, "deliverable"),
        isNull(tweepFiles.deletedAt),
      ),
    );
  if (!file) throw new AppError("not_found", "There is no such file on this order.");
  return file;
}

/** SPEC 7: a signed link for the buyer or the provider, valid for 5 minutes; asking again makes a new one. */
export async function createDownloadLink(ctx: AppContext, input: { orderId: string; fileId: string; userId: string }) {
  const order = await loadOrderFor(ctx.db, input.orderId, { id: input.userId });
  const file = await findOrderFile(ctx, order, input.fileId);
  const exp = ctx.now().getTime() + DOWNLOAD_LINK_TTL_MS;
  const token = signDownloadToken(ctx.config.secretKey, { fileId: file.id, orderId: order.id, userId: input.userId, exp });
  return { url: `/api/v1/downloads/${token}`, expiresAt: new Date(exp).toISOString() };
}
