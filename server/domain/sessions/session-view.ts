import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { consultationSessions } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import type { Config } from "../../context.ts";
import { AppError } from "../../errors.ts";
import type { SessionView } from "../../../contract/sessions.ts";

export type SessionRow = typeof consultationSessions.$inferSelect;
export type SessionRole = "customer" | "provider";

export function toSessionView(row: SessionRow, config: Pick<Config, "billing">): SessionView {
  return {
    id: row.id,
    orderId: row.orderId,
    medium: row.medium,
    status: row.status,
    blockPriceMinor: Number(row.blockPriceMinor),
    blockSeconds: config.billing.blockSeconds,
    ringExpiresAt: row.ringExpiresAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    clockStartedAt: row.clockStartedAt?.toISOString() ?? null,
    nextChargeAt: row.nextChargeAt?.toISOString() ?? null,
    blocksCharged: row.blocksCharged,
    endedAt: row.endedAt?.toISOString() ?? null,
    endReason: row.endReason,
    void: row.void,
    pausedAt: row.pausedAt?.toISOString() ?? null,
    pausedTotalMs: row.pausedTotalMs,
    customerReconnectBy: reconnectBy(row.customerLostAt, config),
    providerReconnectBy: reconnectBy(row.providerLostAt, config),
    blocksRefunded: row.blocksRefunded,
    blocksCredited: row.blocksCredited,
    // SPEC 18: the status line shows the package's minutes left while it pays.
    packagePurchaseId: row.packagePurchaseId,
    minutesDrawn: row.minutesDrawn,
    packageMinutesLeft: row.packagePurchaseId && row.blocksFromClockMs === null ? row.packageMinutesLeft : null,
    // Only a retry still to come: a page loaded during the countdown shows it and can cancel it.
    retryAt: row.retryState === "pending" && row.retryAt ? row.retryAt.toISOString() : null,
  };
}

function reconnectBy(lostAt: Date | null, config: Pick<Config, "billing">): string | null {
  return lostAt ? new Date(lostAt.getTime() + config.billing.reconnectGraceSeconds * 1000).toISOString() : null;
}

/**
 * The session if the user is one of its two parties; anyone else gets the same 404 as for a
 * session that does not exist.
 */
export async function loadSessionFor(db: Executor, sessionId: string, userId: string) {
  const [row] = await db.select().from(consultationSessions).where(eq(consultationSessions.id, sessionId));
  if (!row || (row.customerId !== userId && row.providerId !== userId)) {
    throw new AppError("not_found", "There is no such session.");
  }
  const role: SessionRole = row.customerId === userId ? "customer" : "provider";
  return { row, role };
}

/** Both parties' pages learn the new state; sent only after the change committed (docs/architecture.md rule 6). */
export function announceSession(ctx: AppContext, row: SessionRow) {
  const view = toSessionView(row, ctx.config);
  ctx.live.toUser(row.customerId, "session:updated", view);
  ctx.live.toUser(row.providerId, "session:updated", view);
}
