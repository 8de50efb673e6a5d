import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { consultationSessions, reviews } from "../../../db/schema.ts";
import { AppError } from "../../errors.ts";

/**
 * SPEC 18 "shown once both have written theirs or after 7 days": the 7 days run from the
 * session's end, and they are also the time to write one. A review written after the other
 * was shown would not be blind, so the window closes when the reviews open.
 */
export const REVIEW_WINDOW_MS = 7 * 24 * 60 * 60_000;

export type SessionRow = typeof consultationSessions.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect;

/** The session if the user is one of its two parties; strangers get "not found", as for a session that does not exist. */
export async function loadSessionFor(db: Executor, sessionId: string, userId: string, options: { lock?: boolean } = {}) {
  const query = db.select().from(consultationSessions).where(eq(consultationSessions.id, sessionId));
  const [session] = options.lock ? await query.for("update") : await query;
  if (!session || (session.customerId !== userId && session.providerId !== userId)) {
    throw new AppError("not_found", "There is no such session.");
  }
  return { session, role: session.customerId === userId ? ("customer" as const) : ("provider" as const) };
}

/** Ended with at least one block paid and kept (not void, not all credited back). */
export function isReviewable(session: SessionRow): boolean {
  return session.status === "ended" && session.endedAt !== null && !session.void && session.blocksCharged - session.blocksCredited > 0;
}

export function reviewWindowEnd(session: SessionRow): Date | null {
  return isReviewable(session) ? new Date(session.endedAt!.getTime() + REVIEW_WINDOW_MS) : null;
}

export async function readSessionReviewRows(db: Executor, sessionId: string): Promise<ReviewRow[]> {
  return db.select().from(reviews).where(eq(reviews.sessionId, sessionId));
}

export function isShown(review: ReviewRow, now: Date): boolean {
  return review.revealAt === null || review.revealAt <= now;
}
