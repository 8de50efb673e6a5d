import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import { ratesProvider } from "../reviews/read-provider-rating.ts";
import { consultationSessions, profileFiles, providerProfiles, reviews, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";

const REVIEWS_SHOWN = 10;

/**
 * SPEC 20: what everyone sees of a provider beyond the catalog block: approved photo and
 * gallery, texts, region, figures and reviews with text. Sessions held are answered calls
 * whose clock started; the response rate is answered calls over calls that rang out or were
 * answered or declined (a customer's own cancellation does not count against it).
 */
export async function readPublicProfile(ctx: AppContext, providerId: string) {
  const [profile] = await ctx.db.select().from(providerProfiles).where(eq(providerProfiles.userId, providerId));
  const [[user], gallery, [figures], written] = await Promise.all([
    ctx.db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, providerId)),
    ctx.db
      .select({ id: profileFiles.id })
      .from(profileFiles)
      .where(and(eq(profileFiles.userId, providerId), eq(profileFiles.kind, "gallery"), eq(profileFiles.status, "approved")))
      .orderBy(profileFiles.createdAt),
    ctx.db
      .select({
        held: sql<number>`count(*) filter (where ${consultationSessions.clockStartedAt} is not null)::int`,
        answered: sql<number>`count(*) filter (where ${consultationSessions.status} in ('live', 'ended'))::int`,
        rang: sql<number>`count(*) filter (where ${consultationSessions.status} in ('live', 'ended', 'missed', 'declined'))::int`,
      })
      .from(consultationSessions)
      .where(eq(consultationSessions.providerId, providerId)),
    ctx.db
      .select({ rating: reviews.rating, body: reviews.body, createdAt: reviews.createdAt, name: users.name })
      .from(reviews)
      .innerJoin(users, eq(users.id, reviews.customerId))
      .where(and(eq(reviews.providerId, providerId), ratesProvider(ctx.now()), isNotNull(reviews.body), sql`${reviews.body} <> ''`))
      .orderBy(desc(reviews.createdAt))
      .limit(REVIEWS_SHOWN),
  ]);
  return {
    photoUrl: profile?.photoFileId ? `/api/v1/profile-files/${profile.photoFileId}` : null,
    bio: profile?.bio ?? {},
    experience: profile?.experience ?? "",
    education: profile?.education ?? "",
    languages: profile?.languages ?? [],
    region: profile?.region ?? null,
    gallery: gallery.map((image) => `/api/v1/profile-files/${image.id}`),
    figures: {
      sessionsHeld: figures?.held ?? 0,
      responseRate: figures && figures.rang > 0 ? Math.round((figures.answered / figures.rang) * 100) : null,
      memberSince: user?.createdAt.toISOString() ?? null,
    },
    reviews: written.map((review) => ({ rating: review.rating, body: review.body ?? "", authorName: review.name, createdAt: review.createdAt.toISOString() })),
  };
}
