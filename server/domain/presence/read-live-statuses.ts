import { and, eq, inArray } from "drizzle-orm";
import { consultationSessions, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";

export type ProviderStatus = "available" | "busy" | "not_set";
export type LiveStatus = { userId: string; online: boolean; status: ProviderStatus; callable: boolean };

/**
 * What customers see of providers (SPEC 9): the status each chose, except "busy" while in
 * a session; callable only when on the site, Available and not in a session.
 */
export async function readLiveStatuses(ctx: AppContext, userIds: string[]): Promise<LiveStatus[]> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  const [rows, inSession, online] = await Promise.all([
    ctx.db.select({ id: users.id, status: users.providerStatus }).from(users).where(inArray(users.id, ids)),
    ctx.db
      .select({ providerId: consultationSessions.providerId })
      .from(consultationSessions)
      .where(and(inArray(consultationSessions.providerId, ids), eq(consultationSessions.status, "live"))),
    ctx.presence.onlineAmong(ids, ctx.now()),
  ]);
  const busy = new Set(inSession.map((row) => row.providerId));
  return rows.map((row) => {
    const status: ProviderStatus = busy.has(row.id) ? "busy" : row.status;
    const isOnline = online.has(row.id);
    return { userId: row.id, online: isOnline, status, callable: isOnline && status === "available" };
  });
}

export async function readLiveStatus(ctx: AppContext, userId: string): Promise<LiveStatus | undefined> {
  return (await readLiveStatuses(ctx, [userId]))[0];
}

/** The fields pages show beside a provider: the status customers see, and whether on the site. */
export async function readProviderLiveFields(ctx: AppContext, userId: string, chosen: ProviderStatus) {
  const live = await readLiveStatus(ctx, userId);
  return { providerStatus: live?.status ?? chosen, providerOnline: live?.online ?? false };
}
