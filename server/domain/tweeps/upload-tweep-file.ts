import { and, count, eq, isNull } from "drizzle-orm";
import { tweepFiles, tweeps } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { FileTooLargeError } from "../../storage/file-storage.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { findOwnTweep } from "./find-own-tweep.ts";
import { toFileView } from "./get-tweep.ts";
import { checkFileType, storedFileColumns, MAX_COVER_BYTES, MAX_DELIVERABLE_BYTES, MAX_DELIVERABLES } from "./file-types.ts";
import { writePendingRevision } from "./pending-revision.ts";

export type Upload = { fileName: string; contentType: string; bytes: Uint8Array };

/**
 * SPEC 2: a files tweep carries up to 3 deliverables, uploaded after its first save.
 * Deliverables reach only buyers, so they are not moderated and may change on any tweep
 * that is not archived. The bytes are stored first under a generated key; the row is
 * written under the tweep's lock, so two uploads at once cannot make a fourth file.
 */
export async function uploadDeliverable(ctx: AppContext, input: { tweepId: string; ownerId: string; file: Upload }) {
  const tweep = await findOwnTweep(ctx.db, input.tweepId, input.ownerId);
  if (tweep.type !== "files") throw new AppError("validation_failed", "Only files tweeps take deliverable files.");
  if (tweep.status === "archived") throw new AppError("invalid_state", "An archived tweep cannot be changed.");
  const contentType = checkFileType("deliverable", input.file);
  const stored = await store(ctx, input.file.bytes, MAX_DELIVERABLE_BYTES);
  try {
    return await withTransaction(ctx.db, async (tx) => {
      const locked = await findOwnTweep(tx, input.tweepId, input.ownerId, { lock: true });
      if (locked.status === "archived") throw new AppError("invalid_state", "An archived tweep cannot be changed.");
      const [existing] = await tx
        .select({ n: count() })
        .from(tweepFiles)
        .where(and(eq(tweepFiles.tweepId, tweep.id), eq(tweepFiles.kind, "deliverable"), isNull(tweepFiles.deletedAt)));
      if ((existing?.n ?? 0) >= MAX_DELIVERABLES) {
        throw new AppError("conflict", `A tweep holds at most ${MAX_DELIVERABLES} files; delete one first.`);
      }
      const [file] = await tx
        .insert(tweepFiles)
        .values({
          tweepId: tweep.id,
          kind: "deliverable",
          ...storedFileColumns(stored, { fileName: input.file.fileName, contentType, at: ctx.now() }),
        })
        .returning();
      return toFileView(file!);
    });
  } catch (error) {
    await ctx.storage.remove(stored.key);
    throw error;
  }
}

/**
 * The optional cover image. It is part of what moderators judge: on a draft or rejected
 * tweep it replaces the cover (a rejected tweep becomes a draft again, as with any edit);
 * on a published one it goes into the pending revision.
 */
export async function uploadCover(ctx: AppContext, input: { tweepId: string; ownerId: string; file: Upload }) {
  const tweep = await findOwnTweep(ctx.db, input.tweepId, input.ownerId);
  assertEditable(tweep.status);
  const contentType = checkFileType("cover", input.file);
  const stored = await store(ctx, input.file.bytes, MAX_COVER_BYTES);
  const now = ctx.now();
  try {
    return await withTransaction(ctx.db, async (tx) => {
      const locked = await findOwnTweep(tx, input.tweepId, input.ownerId, { lock: true });
      assertEditable(locked.status);
      const [file] = await tx
        .insert(tweepFiles)
        .values({
          tweepId: tweep.id,
          kind: "cover",
          ...storedFileColumns(stored, { fileName: input.file.fileName, contentType, at: now }),
        })
        .returning();
      if (locked.status === "published") {
        await writePendingRevision(tx, locked, { coverFileId: file!.id }, now);
      } else {
        await tx
          .update(tweeps)
          .set({ coverFileId: file!.id, status: "draft", updatedAt: now })
          .where(and(eq(tweeps.id, locked.id), eq(tweeps.status, locked.status)));
      }
      return { ...toFileView(file!), appliesTo: locked.status === "published" ? ("pending_revision" as const) : ("tweep" as const) };
    });
  } catch (error) {
    await ctx.storage.remove(stored.key);
    throw error;
  }
}

function assertEditable(status: string) {
  if (status === "pending") throw new AppError("invalid_state", "This tweep is being moderated and cannot be edited now.");
  if (status === "archived") throw new AppError("invalid_state", "An archived tweep cannot be edited.");
}

async function store(ctx: AppContext, bytes: Uint8Array, maxBytes: number) {
  try {
    return await ctx.storage.put(bytes, { maxBytes });
  } catch (error) {
    if (error instanceof FileTooLargeError) throw new AppError("payload_too_large", `The file is larger than ${maxBytes / 1024 / 1024} MB.`);
    throw error;
  }
}
