import { and, eq, isNull } from "drizzle-orm";
import { providerInvitations, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";

/** Who invites: the public side of `/i/{code}`, shown before signing up. */
export async function findInviter(ctx: AppContext, code: string) {
  const [provider] = await ctx.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.invitationCode, code.toLowerCase()), isNull(users.deletedAt)));
  if (!provider) throw new AppError("not_found", "This invitation link is not valid.");
  return provider;
}

/**
 * A visitor who signed up or logged in through a provider's link: the provider joins their
 * "My providers" (and the two may write to each other). Accepting twice changes nothing;
 * a provider following their own link is told so.
 */
export async function acceptInvitation(ctx: AppContext, input: { code: string; customerId: string }) {
  const provider = await findInviter(ctx, input.code);
  if (provider.id === input.customerId) {
    throw new AppError("conflict", "This is your own invitation link.", { details: { reason: "own_invitation" } });
  }
  await ctx.db
    .insert(providerInvitations)
    .values({ providerId: provider.id, customerId: input.customerId, createdAt: ctx.now() })
    .onConflictDoNothing({ target: [providerInvitations.providerId, providerInvitations.customerId] });
  return { provider };
}
