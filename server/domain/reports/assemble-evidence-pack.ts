import { and, asc, eq, gte, inArray, isNotNull, lte, or, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { consultationSessions, orderMessages, pendingEarnings } from "../../../db/schema.ts";
import type { EvidencePack } from "../../../contract/reports.ts";

type SessionRow = typeof consultationSessions.$inferSelect;

const TRANSCRIPT_LIMIT = 500;

/**
 * SPEC 17: the evidence a moderator decides on, assembled from what the records already
 * hold (nothing is typed in by either party): the session's times, who ended it and why, the
 * blocks charged and given back, SPEC 19's quality figures, and the chat written during it.
 */
export async function assembleEvidencePacks(db: Executor, sessions: SessionRow[]): Promise<EvidencePack[]> {
  if (sessions.length === 0) return [];
  const ids = sessions.map((s) => s.id);
  const pending = await db
    .select({ sessionId: pendingEarnings.sessionId, grossMinor: sql<string>`SUM(${pendingEarnings.grossMinor})::text` })
    .from(pendingEarnings)
    .where(and(inArray(pendingEarnings.sessionId, ids), eq(pendingEarnings.status, "pending")))
    .groupBy(pendingEarnings.sessionId);
  const packs: EvidencePack[] = [];
  for (const session of sessions) {
    // The messages tied to the session (text), or written on the order while it ran (video's chat).
    const during = session.answeredAt
      ? and(gte(orderMessages.createdAt, session.answeredAt), lte(orderMessages.createdAt, session.endedAt ?? new Date(8.64e15)))
      : sql`false`;
    const messages = await db
      .select({ authorId: orderMessages.authorId, body: orderMessages.body, createdAt: orderMessages.createdAt })
      .from(orderMessages)
      .where(and(eq(orderMessages.orderId, session.orderId), or(eq(orderMessages.sessionId, session.id), during)))
      .orderBy(asc(orderMessages.createdAt))
      .limit(TRANSCRIPT_LIMIT);
    packs.push({
      sessionId: session.id,
      orderId: session.orderId,
      medium: session.medium,
      status: session.status,
      answeredAt: session.answeredAt?.toISOString() ?? null,
      clockStartedAt: session.clockStartedAt?.toISOString() ?? null,
      endedAt: session.endedAt?.toISOString() ?? null,
      endReason: session.endReason,
      endedBy: endedByOf(session),
      blockPriceMinor: Number(session.blockPriceMinor),
      blocksCharged: session.blocksCharged,
      chargedMinor: Number(session.blockPriceMinor) * session.blocksCharged,
      blocksRefunded: session.blocksRefunded,
      blocksCredited: session.blocksCredited,
      pendingMinor: Number(pending.find((row) => row.sessionId === session.id)?.grossMinor ?? 0),
      quality: { pausedTotalMs: session.pausedTotalMs, mediaSeenAt: session.mediaSeenAt?.toISOString() ?? null, void: session.void },
      transcript: messages.map((m) => ({
        authorRole: m.authorId === session.providerId ? ("provider" as const) : ("customer" as const),
        body: m.body,
        createdAt: m.createdAt.toISOString(),
      })),
    });
  }
  return packs;
}

/** The ended sessions of an order whose clock ran, newest first: what a consultation dispute is about. */
export async function loadOrderSessionsForEvidence(db: Executor, orderId: string) {
  return db
    .select()
    .from(consultationSessions)
    .where(and(eq(consultationSessions.orderId, orderId), isNotNull(consultationSessions.clockStartedAt)))
    .orderBy(sql`${consultationSessions.createdAt} DESC`)
    .limit(20);
}

function endedByOf(session: SessionRow): EvidencePack["endedBy"] {
  if (!session.endReason) return null;
  if (session.endReason === "customer_ended") return "customer";
  if (session.endReason === "provider_ended") return "provider";
  return "system";
}
