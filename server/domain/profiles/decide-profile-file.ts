import { and, asc, eq, ne } from "drizzle-orm";
import { profileFiles, providerProfiles, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { announceNotifications, storeNotifications } from "../notifications/notify-users.ts";
import { toProfileFileView } from "./profile-files.ts";

/** The moderators' queue of profile photos and gallery images, oldest first (SPEC 10, 20). */
export async function listPendingProfileFiles(ctx: AppContext) {
  const rows = await ctx.db
    .select({ file: profileFiles, name: users.name })
    .from(profileFiles)
    .innerJoin(users, eq(users.id, profileFiles.userId))
    .where(eq(profileFiles.status, "pending"))
    .orderBy(asc(profileFiles.createdAt))
    .limit(100);
  return { items: rows.map((row) => ({ ...toProfileFileView(row.file), userId: row.file.userId, userName: row.name })) };
}

/**
 * Approve or reject (reason required) a pending image. An approved photo becomes the
 * profile's photo and the one before it is retired; the owner is notified either way.
 * The guarded update lets one decision through.
 */
export async function decideProfileFile(ctx: AppContext, input: { fileId: string; moderatorId: string; decision: "approve" | "reject"; reason?: string }) {
  if (input.decision === "reject" && !input.reason?.trim()) throw new AppError("validation_failed", "reason: say why the image is rejected.");
  const now = ctx.now();
  const { file, notes, retiredKeys } = await withTransaction(ctx.db, async (tx) => {
    const [decided] = await tx
      .update(profileFiles)
      .set({
        status: input.decision === "approve" ? "approved" : "rejected",
        rejectionReason: input.decision === "reject" ? input.reason!.trim() : null,
        decidedBy: input.moderatorId,
        decidedAt: now,
      })
      .where(and(eq(profileFiles.id, input.fileId), eq(profileFiles.status, "pending")))
      .returning();
    if (!decided) {
      const [existing] = await tx.select({ status: profileFiles.status }).from(profileFiles).where(eq(profileFiles.id, input.fileId));
      if (!existing) throw new AppError("not_found", "There is no such image.");
      throw new AppError("invalid_state", `This image is already ${existing.status}.`);
    }
    const retired: string[] = [];
    if (decided.kind === "photo" && input.decision === "approve") {
      await tx
        .insert(providerProfiles)
        .values({ userId: decided.userId, photoFileId: decided.id, updatedAt: now })
        .onConflictDoUpdate({ target: providerProfiles.userId, set: { photoFileId: decided.id, updatedAt: now } });
      const old = await tx
        .update(profileFiles)
        .set({ status: "removed" })
        .where(and(eq(profileFiles.userId, decided.userId), eq(profileFiles.kind, "photo"), eq(profileFiles.status, "approved"), ne(profileFiles.id, decided.id)))
        .returning({ key: profileFiles.storageKey });
      retired.push(...old.map((row) => row.key));
    }
    const event = { kind: "profile_file_decided", fileKind: decided.kind, decision: input.decision, reason: decided.rejectionReason } as const;
    return { file: decided, retiredKeys: retired, notes: await storeNotifications(tx, [decided.userId], event, now) };
  });
  await Promise.all(retiredKeys.map((key) => ctx.storage.remove(key).catch(() => undefined)));
  await announceNotifications(ctx, notes);
  return toProfileFileView(file);
}
