import { z } from "@hono/zod-openapi";
import { multilineText } from "./free-text.ts";

// SPEC 18 reviews of consultations: after a session with a paid block, each party reviews
// the other; a review is shown once both have written theirs or when the window closes.

export const MAX_REVIEW_TEXT_CHARS = 4000;

export const SessionReviewRequest = z
  .strictObject({
    rating: z.number().int().min(1).max(5),
    text: multilineText().trim().min(1).max(MAX_REVIEW_TEXT_CHARS),
  })
  .openapi("SessionReviewRequest");
export type SessionReviewRequest = z.infer<typeof SessionReviewRequest>;

export const SessionReview = z
  .object({
    id: z.uuid(),
    /** The customer reviews the provider; the provider reviews the customer. */
    authorRole: z.enum(["customer", "provider"]),
    rating: z.number().int(),
    text: z.string(),
    createdAt: z.string(),
  })
  .openapi("SessionReview");
export type SessionReview = z.infer<typeof SessionReview>;

export const SessionReviews = z
  .object({
    sessionId: z.uuid(),
    orderId: z.uuid(),
    role: z.enum(["customer", "provider"]),
    /** The viewer may write their review now: a session with a paid block, window open, not yet written. */
    canReview: z.boolean(),
    /** The session can be reviewed at all (it ended with at least one paid block). */
    reviewable: z.boolean(),
    /** When the window closes and every review of the session is shown; null when not reviewable. */
    reviewUntil: z.string().nullable(),
    mine: SessionReview.nullable(),
    /** Whether the viewer's own review is shown to the other party yet. */
    mineShown: z.boolean(),
    /** The other party's review once it is shown; null before (double-blind) or when not written. */
    theirs: SessionReview.nullable(),
    /** The other party has written theirs (its content stays hidden until both are written). */
    theirsWritten: z.boolean(),
  })
  .openapi("SessionReviews");
export type SessionReviews = z.infer<typeof SessionReviews>;
