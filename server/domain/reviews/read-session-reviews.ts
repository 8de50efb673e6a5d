import type { Executor } from "../../../db/client.ts";
import type { SessionReview, SessionReviews } from "../../../contract/reviews.ts";
import type { AppContext } from "../../context.ts";
import { isShown, loadSessionFor, readSessionReviewRows, reviewWindowEnd, type ReviewRow, type SessionRow } from "./session-review-rules.ts";

/** SPEC 18: what a party sees of a session's reviews: their own, and the other's once shown. */
export async function readSessionReviews(ctx: AppContext, input: { sessionId: string; userId: string }): Promise<SessionReviews> {
  const { session, role } = await loadSessionFor(ctx.db, input.sessionId, input.userId);
  return viewSessionReviews(ctx.db, session, role, ctx.now());
}

export async function viewSessionReviews(db: Executor, session: SessionRow, role: "customer" | "provider", now: Date): Promise<SessionReviews> {
  const rows = await readSessionReviewRows(db, session.id);
  const mine = rows.find((row) => row.authorRole === role) ?? null;
  const theirs = rows.find((row) => row.authorRole !== role) ?? null;
  const until = reviewWindowEnd(session);
  return {
    sessionId: session.id,
    orderId: session.orderId,
    role,
    reviewable: until !== null,
    canReview: until !== null && now < until && mine === null,
    reviewUntil: until?.toISOString() ?? null,
    mine: mine ? toReviewView(mine) : null,
    mineShown: mine !== null && isShown(mine, now),
    theirs: theirs && isShown(theirs, now) ? toReviewView(theirs) : null,
    theirsWritten: theirs !== null,
  };
}

function toReviewView(row: ReviewRow): SessionReview {
  return { id: row.id, authorRole: row.authorRole, rating: row.rating, text: row.body ?? "", createdAt: row.createdAt.toISOString() };
}
