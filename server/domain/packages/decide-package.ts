import { and, eq } from "drizzle-orm";
import { tweepPackages, tweeps } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { toPackageOffer } from "./package-view.ts";

/** SPEC 18/10: a moderator approves or rejects a pending package (guarded: decided once). */
export async function decidePackage(
  ctx: AppContext,
  input: { packageId: string; moderatorId: string } & ({ decision: "approve" } | { decision: "reject"; reason: string }),
) {
  const [own] = await ctx.db
    .select({ id: tweepPackages.id })
    .from(tweepPackages)
    .innerJoin(tweeps, eq(tweeps.id, tweepPackages.tweepId))
    .where(and(eq(tweepPackages.id, input.packageId), eq(tweeps.providerId, input.moderatorId)));
  if (own) throw new AppError("forbidden", "Another moderator has to decide on your own package.");
  const reason = input.decision === "reject" ? input.reason.trim() : null;
  if (input.decision === "reject" && !reason) throw new AppError("validation_failed", "reason: a rejection needs a reason");
  const [row] = await ctx.db
    .update(tweepPackages)
    .set({ status: input.decision === "approve" ? "approved" : "rejected", rejectionReason: reason, decidedBy: input.moderatorId, decidedAt: ctx.now() })
    .where(and(eq(tweepPackages.id, input.packageId), eq(tweepPackages.status, "pending")))
    .returning();
  if (!row) {
    const [exists] = await ctx.db.select({ id: tweepPackages.id }).from(tweepPackages).where(eq(tweepPackages.id, input.packageId));
    throw exists ? new AppError("invalid_state", "This package was already decided.") : new AppError("not_found", "There is no such package.");
  }
  return toPackageOffer(row);
}
