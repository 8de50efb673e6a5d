import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.ts";
import { consultationSessions, queueEntries, users } from "../../../db/schema.ts";

/** How many of the provider's last sessions the estimate looks at (SPEC 15). */
const HISTORY_SESSIONS = 20;
export const ACTIVE_QUEUE_STATUSES = ["waiting", "turn"] as const;

export type QueueLineEntry = typeof queueEntries.$inferSelect & { place: number; etaSeconds: number };

/**
 * The median clock time of the provider's last 20 ended sessions, in seconds; one block
 * when there is no history (SPEC 15).
 */
export async function readMedianSessionSeconds(db: Database, providerId: string, blockSeconds: number): Promise<number> {
  const rows = await db
    .select({ seconds: sql<number>`extract(epoch from (${consultationSessions.endedAt} - ${consultationSessions.clockStartedAt}))::float8` })
    .from(consultationSessions)
    .where(and(eq(consultationSessions.providerId, providerId), eq(consultationSessions.status, "ended"), isNotNull(consultationSessions.clockStartedAt)))
    .orderBy(desc(consultationSessions.endedAt))
    .limit(HISTORY_SESSIONS);
  return medianOf(rows.map((row) => Math.max(0, Number(row.seconds))), blockSeconds);
}

export function medianOf(values: number[], fallback: number): number {
  if (values.length === 0) return fallback;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(median);
}

/**
 * What the provider still has to finish before the first in line can be served: the rest
 * of the current session's expected length (the median, less the time it has run), or the
 * rest of a pause, whichever is longer.
 */
export function secondsUntilFree(facts: { sessionStartedAt: Date | null; pausedUntil: Date | null; medianSeconds: number; now: Date }): number {
  const session = facts.sessionStartedAt ? Math.max(0, facts.medianSeconds - (facts.now.getTime() - facts.sessionStartedAt.getTime()) / 1000) : 0;
  const pause = facts.pausedUntil ? Math.max(0, (facts.pausedUntil.getTime() - facts.now.getTime()) / 1000) : 0;
  return Math.round(Math.max(session, pause));
}

/**
 * The provider's queue in order (the turn holder first, then by joining time) with each
 * place and its estimated wait: the time until the provider is free plus, for each customer
 * ahead, the median session length. `nextEtaSeconds` is the wait of someone joining now.
 */
export async function readQueueLine(db: Database, providerId: string, options: { blockSeconds: number; now: Date }) {
  const [entries, [provider], [session], medianSeconds] = await Promise.all([
    db
      .select()
      .from(queueEntries)
      .where(and(eq(queueEntries.providerId, providerId), inArray(queueEntries.status, [...ACTIVE_QUEUE_STATUSES])))
      .orderBy(sql`${queueEntries.status} = 'turn' desc`, asc(queueEntries.joinedAt), asc(queueEntries.id)),
    db.select({ status: users.providerStatus, pausedUntil: users.pausedUntil }).from(users).where(eq(users.id, providerId)),
    db
      .select({ clockStartedAt: consultationSessions.clockStartedAt, answeredAt: consultationSessions.answeredAt })
      .from(consultationSessions)
      .where(and(eq(consultationSessions.providerId, providerId), eq(consultationSessions.status, "live"))),
    readMedianSessionSeconds(db, providerId, options.blockSeconds),
  ]);
  const untilFree = secondsUntilFree({
    sessionStartedAt: session ? (session.clockStartedAt ?? session.answeredAt ?? options.now) : null,
    pausedUntil: provider?.status === "paused" ? provider.pausedUntil : null,
    medianSeconds,
    now: options.now,
  });
  const line: QueueLineEntry[] = entries.map((entry, index) => ({
    ...entry,
    place: index + 1,
    etaSeconds: entry.status === "turn" ? 0 : untilFree + index * medianSeconds,
  }));
  return { line, medianSeconds, nextEtaSeconds: untilFree + line.length * medianSeconds };
}
