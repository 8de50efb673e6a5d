import { users, termsConsents } from "../../../db/schema.ts";
import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { readCurrentTerms, readTerms } from "./read-terms.ts";

/**
 * `POST /providers/{id}/terms/consent {version}` (SPEC 16): the customer agrees to the
 * version they read. A version other than the current one is refused (they must read the
 * new text); agreeing again to the same version keeps the first time.
 */
export async function consentToTerms(ctx: AppContext, input: { providerId: string; customerId: string; version: number }) {
  const [provider] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.id, input.providerId));
  if (!provider) throw new AppError("not_found", "There is no such provider.");
  if (input.providerId === input.customerId) throw new AppError("conflict", "These are your own terms.");
  const current = await readCurrentTerms(ctx.db, input.providerId);
  if (!current) throw new AppError("invalid_state", "This provider has published no terms.");
  if (current.version !== input.version) {
    throw new AppError("conflict", "The terms changed since you read them: read the current version.", {
      details: { currentVersion: current.version },
    });
  }
  await ctx.db
    .insert(termsConsents)
    .values({ providerId: input.providerId, customerId: input.customerId, version: input.version, consentedAt: ctx.now() })
    .onConflictDoNothing();
  return readTerms(ctx.db, { providerId: input.providerId, viewerId: input.customerId });
}
