import { inArray } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { readQueueLine } from "./queue-line.ts";

/**
 * `GET /providers/{id}/queue`: the provider sees who waits (since when, order, channel);
 * anyone else only how long the line is and how long a newcomer would wait.
 */
export async function readProviderQueue(ctx: AppContext, input: { providerId: string; viewerId?: string }) {
  const { line, nextEtaSeconds, medianSeconds } = await readQueueLine(ctx.db, input.providerId, {
    blockSeconds: ctx.config.billing.blockSeconds,
    now: ctx.now(),
  });
  if (input.viewerId !== input.providerId) return { length: line.length, etaSeconds: nextEtaSeconds };
  const names = line.length
    ? await ctx.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, line.map((entry) => entry.customerId)))
    : [];
  return {
    length: line.length,
    etaSeconds: nextEtaSeconds,
    medianSessionSeconds: medianSeconds,
    entries: line.map((entry) => ({
      id: entry.id,
      customerId: entry.customerId,
      customerName: names.find((user) => user.id === entry.customerId)?.name ?? "",
      orderId: entry.orderId,
      medium: entry.medium,
      status: entry.status as "waiting" | "turn",
      place: entry.place,
      etaSeconds: entry.etaSeconds,
      joinedAt: entry.joinedAt.toISOString(),
      turnExpiresAt: entry.turnExpiresAt?.toISOString() ?? null,
    })),
  };
}
