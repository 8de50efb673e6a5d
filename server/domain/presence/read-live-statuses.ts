import { and, eq, inArray, sql } from "drizzle-orm";
import { consultationSessions, users, type ProviderStatus } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { decideCallability, type Callability, type Medium, type ProviderFacts } from "./decide-callability.ts";

export type { ProviderStatus };
export type LiveStatus = {
  userId: string;
  online: boolean;
  status: ProviderStatus;
  callable: boolean;
  reason?: Callability["reason"];
  opensAt?: string;
  queueOpen: boolean;
  channels: { video: boolean; text: boolean };
  /** Customers waiting or holding the turn: while there are any, only the first may call. */
  queueLength: number;
};

type LiveFacts = Omit<ProviderFacts, "inSession" | "online"> & { queueLength: number };

/**
 * What customers see of providers (SPEC 9, 15): the status each chose, except "busy" while in
 * a session; callable only when on the site, Available, within open hours, with a channel
 * on and not in a session. The queue's reservation is per customer: see `forViewer`.
 */
export function toLiveStatus(
  userId: string,
  facts: { chosen: ProviderStatus; inSession: boolean; online: boolean } & Partial<LiveFacts>,
  now: Date = new Date(),
): LiveStatus {
  const status: ProviderStatus = facts.inSession ? "busy" : facts.chosen;
  const channels = facts.channels ?? { video: true, text: true };
  const decided = decideCallability(
    { online: facts.online, chosen: facts.chosen, inSession: facts.inSession, pausedUntil: facts.pausedUntil ?? null, channels, grid: facts.grid ?? { hours: [], timeZone: "UTC" } },
    { now },
  );
  return { userId, online: facts.online, status, ...decided, channels, queueLength: facts.queueLength ?? 0 };
}

const queueLengthSql = sql<number>`(select count(*)::int from queue_entries q where q.provider_id = ${users.id} and q.status in ('waiting', 'turn'))`;
// The one customer who may call while a queue exists: the turn holder, else the first waiting.
const queueHeadSql = sql<string | null>`(select q.customer_id from queue_entries q where q.provider_id = ${users.id} and q.status in ('waiting', 'turn') order by q.status = 'turn' desc, q.joined_at, q.id limit 1)`;

export type ProviderLiveFacts = ProviderFacts & { userId: string; queueLength: number; queueHeadCustomerId: string | null };

/** Everything that decides whether providers can be called, in one query plus presence. */
export async function readProviderLiveFacts(ctx: AppContext, userIds: string[]): Promise<ProviderLiveFacts[]> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  // One round trip for the chosen status and the session: each query costs a network
  // write and read, which on the call path costs more than the query itself.
  const [rows, online] = await Promise.all([
    // At most one live session per provider (a unique index), so the join adds no rows.
    ctx.db
      .select({
        id: users.id,
        chosen: users.providerStatus,
        pausedUntil: users.pausedUntil,
        video: users.videoCallsOn,
        text: users.textChatsOn,
        hours: users.availabilityHours,
        gridZone: users.availabilityTimeZone,
        zone: users.timeZone,
        liveSessionId: consultationSessions.id,
        queueLength: queueLengthSql,
        queueHead: queueHeadSql,
      })
      .from(users)
      .leftJoin(consultationSessions, and(eq(consultationSessions.providerId, users.id), eq(consultationSessions.status, "live")))
      .where(inArray(users.id, ids)),
    ctx.presence.onlineAmong(ids, ctx.now()),
  ]);
  return rows.map((row) => ({
    userId: row.id,
    chosen: row.chosen,
    inSession: row.liveSessionId !== null,
    online: online.has(row.id),
    pausedUntil: row.pausedUntil,
    channels: { video: row.video, text: row.text },
    grid: { hours: row.hours, timeZone: row.gridZone ?? row.zone },
    queueLength: Number(row.queueLength),
    queueHeadCustomerId: row.queueHead,
  }));
}

export async function readLiveStatuses(ctx: AppContext, userIds: string[]): Promise<LiveStatus[]> {
  const facts = await readProviderLiveFacts(ctx, userIds);
  const now = ctx.now();
  return facts.map((fact) => toLiveStatus(fact.userId, fact, now));
}

/**
 * The live status as one customer sees it, for one medium: while a queue exists only its
 * first customer may call (the others are told "busy" and may join the line).
 */
export function toViewerLiveStatus(fact: ProviderLiveFacts, options: { now: Date; viewerId?: string; medium?: Medium }): LiveStatus {
  const base = toLiveStatus(fact.userId, fact, options.now);
  const decided = decideCallability(fact, { now: options.now, medium: options.medium });
  const reserved = decided.callable && fact.queueHeadCustomerId !== null && fact.queueHeadCustomerId !== options.viewerId;
  const { reason: _reason, opensAt: _opensAt, ...rest } = base;
  if (reserved) return { ...rest, callable: false, reason: "busy", queueOpen: true };
  return { ...rest, ...decided };
}

export async function readLiveStatus(ctx: AppContext, userId: string): Promise<LiveStatus | undefined> {
  return (await readLiveStatuses(ctx, [userId]))[0];
}

/** The fields pages show beside a provider: the status customers see, and whether on the site. */
export async function readProviderLiveFields(ctx: AppContext, userId: string, chosen: ProviderStatus) {
  const live = await readLiveStatus(ctx, userId);
  return { providerStatus: live?.status ?? chosen, providerOnline: live?.online ?? false };
}
