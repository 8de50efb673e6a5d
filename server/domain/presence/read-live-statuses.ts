import { and, eq, inArray } from "drizzle-orm";
import { consultationSessions, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";

export type ProviderStatus = "available" | "busy" | "not_set";
export type LiveStatus = { userId: string; online: boolean; status: ProviderStatus; callable: boolean };

/**
 * What customers see of providers (SPEC 9): the status each chose, except "busy" while in
 * a session; callable only when on the site, Available and not in a session.
 */
export function toLiveStatus(userId: string, facts: { chosen: ProviderStatus; inSession: boolean; online: boolean }): LiveStatus {
  const status: ProviderStatus = facts.inSession ? "busy" : facts.chosen;
  return { userId, online: facts.online, status, callable: facts.online && status === "available" };
}

export async function readLiveStatuses(ctx: AppContext, userIds: string[]): Promise<LiveStatus[]> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  // One round trip for the chosen status and the session: each query costs a network
  // write and read, which on the call path costs more than the query itself.
  const [rows, online] = await Promise.all([
    // At most one live session per provider (a unique index), so the join adds no rows.
    ctx.db
      .select({ id: users.id, chosen: users.providerStatus, liveSessionId: consultationSessions.id })
      .from(users)
      .leftJoin(consultationSessions, and(eq(consultationSessions.providerId, users.id), eq(consultationSessions.status, "live")))
      .where(inArray(users.id, ids)),
    ctx.presence.onlineAmong(ids, ctx.now()),
  ]);
  return rows.map((row) => toLiveStatus(row.id, { chosen: row.chosen, inSession: row.liveSessionId !== null, online: online.has(row.id) }));
}

export async function readLiveStatus(ctx: AppContext, userId: string): Promise<LiveStatus | undefined> {
  return (await readLiveStatuses(ctx, [userId]))[0];
}

/** The fields pages show beside a provider: the status customers see, and whether on the site. */
export async function readProviderLiveFields(ctx: AppContext, userId: string, chosen: ProviderStatus) {
  const live = await readLiveStatus(ctx, userId);
  return { providerStatus: live?.status ?? chosen, providerOnline: live?.online ?? false };
}
