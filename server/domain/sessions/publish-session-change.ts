import type { AppContext } from "../../context.ts";
import { readUserBalanceMinor } from "../ledger/ledger-accounts.ts";
import { announceLiveStatus } from "../presence/announce-live-status.ts";
import { announceAppointmentCompleted } from "../appointments/announce-appointment-completed.ts";
import { sendSessionReports } from "./send-session-reports.ts";
import { announceSession, type SessionRow } from "./session-view.ts";

/**
 * What follows a committed change of a session (docs/architecture.md rule 6): both pages get the new state,
 * both balances when money moved, and an ended session closes its media room at once
 * (both peers together) and frees the provider for other customers.
 */
export async function publishSessionChange(ctx: AppContext, change: { row: SessionRow; charged: number }) {
  const { row } = change;
  announceSession(ctx, row);
  if (change.charged > 0) {
    for (const userId of [row.customerId, row.providerId]) {
      ctx.live.toUser(userId, "wallet:updated", { balanceMinor: Number(await readUserBalanceMinor(ctx.db, userId)) });
    }
  }
  if (row.status === "ended") {
    await ctx.media.closeRoom(row.id).catch((error: unknown) => ctx.logger.warn({ err: error, sessionId: row.id }, "closing the media room failed"));
    await announceLiveStatus(ctx, row.providerId);
    await sendSessionReports(ctx, row);
    if (row.appointmentId) await announceAppointmentCompleted(ctx, row.appointmentId);
  }
}
