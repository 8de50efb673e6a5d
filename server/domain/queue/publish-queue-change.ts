import type { AppContext } from "../../context.ts";
import { announceLiveStatus } from "../presence/announce-live-status.ts";
import { readQueueLine } from "./queue-line.ts";

export type QueueExit = { customerId: string; orderId: string; status: "called" | "left" | "expired" | "closed"; reason?: string };

/**
 * After a committed change of a provider's queue (docs/architecture.md rule 6): everyone still in line gets their
 * new place and wait, customers who just left the line are told how it ended, the provider
 * gets the length, and watchers the live status (its `queueLength` changed).
 */
export async function publishQueueChange(ctx: AppContext, providerId: string, exits: QueueExit[] = []) {
  const { line, nextEtaSeconds } = await readQueueLine(ctx.db, providerId, { blockSeconds: ctx.config.billing.blockSeconds, now: ctx.now() });
  for (const exit of exits) {
    ctx.live.toUser(exit.customerId, "queue:updated", {
      providerId,
      length: line.length,
      orderId: exit.orderId,
      status: exit.status,
      place: null,
      etaSeconds: null,
      turnExpiresAt: null,
      ...(exit.reason ? { reason: exit.reason } : {}),
    });
  }
  for (const entry of line) {
    ctx.live.toUser(entry.customerId, "queue:updated", {
      providerId,
      length: line.length,
      orderId: entry.orderId,
      status: entry.status,
      place: entry.place,
      etaSeconds: entry.etaSeconds,
      turnExpiresAt: entry.turnExpiresAt?.toISOString() ?? null,
    });
  }
  ctx.live.toUser(providerId, "queue:updated", { providerId, length: line.length, etaSeconds: nextEtaSeconds });
  await announceLiveStatus(ctx, providerId);
}
