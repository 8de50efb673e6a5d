import { eq, isNotNull } from "drizzle-orm";
import { withTransaction } from "../../../db/with-transaction.ts";
import { reviews } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { viewSessionReviews } from "./read-session-reviews.ts";
import { loadSessionFor, reviewWindowEnd } from "./session-review-rules.ts";

/**
 * SPEC 18: after a session with a paid block, the customer reviews the provider and the
 * provider the customer, once each. Double-blind: a review is shown from the end of the
 * window, or from the moment the second review is written, when both are shown at once.
 *
 * The session row is locked first, so two parties writing at the same instant are put in
 * line and the second sees the first (otherwise neither would reveal the pair).
 */
export async function postSessionReview(ctx: AppContext, input: { sessionId: string; userId: string; rating: number; text: string }) {
  const now = ctx.now();
  return withTransaction(ctx.db, async (tx) => {
    const { session, role } = await loadSessionFor(tx, input.sessionId, input.userId, { lock: true });
    const until = reviewWindowEnd(session);
    if (until === null) throw new AppError("invalid_state", "Only a session that ended with at least one paid block can be reviewed.");
    if (now >= until) throw new AppError("invalid_state", "The time to review this session is over.", { details: { reviewUntil: until.toISOString() } });
    const [created] = await tx
      .insert(reviews)
      .values({
        orderId: session.orderId,
        sessionId: session.id,
        customerId: session.customerId,
        providerId: session.providerId,
        authorRole: role,
        rating: input.rating,
        body: input.text,
        createdAt: now,
        revealAt: until,
      })
      .onConflictDoNothing({ target: [reviews.sessionId, reviews.authorRole], where: isNotNull(reviews.sessionId) })
      .returning();
    if (!created) throw new AppError("conflict", "You have already reviewed this session.");
    const written = await tx.select({ id: reviews.id }).from(reviews).where(eq(reviews.sessionId, session.id));
    if (written.length === 2) {
      await tx.update(reviews).set({ revealAt: now }).where(eq(reviews.sessionId, session.id));
    }
    return viewSessionReviews(tx, session, role, now);
  });
}
