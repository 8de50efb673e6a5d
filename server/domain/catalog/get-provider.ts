import { eq } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { readProviderLiveFields } from "../presence/read-live-statuses.ts";
import { readPublicProfile } from "../profiles/read-public-profile.ts";
import { readProviderRating } from "../reviews/read-provider-rating.ts";
import { searchCatalog } from "./search-catalog.ts";

const MAX_TWEEPS = 50;

/**
 * SPEC 3's provider block: name, rating, live status, weekly availability (as stored, in
 * the provider's zone: each page projects it into its viewer's) and published tweeps.
 */
export async function getProvider(ctx: AppContext, input: { providerId: string }) {
  const [user] = await ctx.db
    .select({
      id: users.id,
      name: users.name,
      providerStatus: users.providerStatus,
      availabilityTimeZone: users.availabilityTimeZone,
      availabilityHours: users.availabilityHours,
    })
    .from(users)
    .where(eq(users.id, input.providerId));
  if (!user) throw new AppError("not_found", "There is no such provider.");
  const catalog = await searchCatalog(ctx, { providerId: user.id, pageSize: MAX_TWEEPS });
  return {
    id: user.id,
    name: user.name,
    ...(await readProviderLiveFields(ctx, user.id, user.providerStatus)),
    ...(await readProviderRating(ctx.db, user.id, ctx.now())),
    availability: { timeZone: user.availabilityTimeZone, hours: user.availabilityHours },
    tweeps: catalog.items,
    tweepCount: catalog.total,
    profile: await readPublicProfile(ctx, user.id),
  };
}
