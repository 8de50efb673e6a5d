import { eq } from "drizzle-orm";
import { tweepPackages, tweeps } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { toPackageOffer } from "./package-view.ts";

export const PACKAGE_LIMITS = { maxMinutes: 10_000, maxValidityDays: 365, maxPriceMinor: 100_000_000_00 } as const;

/**
 * SPEC 18: a provider offers a package of minutes on their own consultation tweep; it waits
 * for moderation (like the tweep) before anyone can buy it.
 */
export async function offerPackage(ctx: AppContext, input: { providerId: string; tweepId: string; minutes: number; priceMinor: number; validityDays: number }) {
  const [tweep] = await ctx.db.select({ providerId: tweeps.providerId, type: tweeps.type, status: tweeps.status }).from(tweeps).where(eq(tweeps.id, input.tweepId));
  if (!tweep || tweep.providerId !== input.providerId) throw new AppError("not_found", "There is no such tweep of yours.");
  if (tweep.type !== "consultation") throw new AppError("invalid_state", "Minute packages are offered on consultation tweeps.");
  if (tweep.status === "archived") throw new AppError("invalid_state", "This tweep is archived.");
  const [row] = await ctx.db
    .insert(tweepPackages)
    .values({ tweepId: input.tweepId, minutes: input.minutes, priceMinor: BigInt(input.priceMinor), validityDays: input.validityDays, createdAt: ctx.now() })
    .returning();
  return toPackageOffer(row!);
}
