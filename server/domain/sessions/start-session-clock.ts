import { and, count, eq, isNotNull, isNull, ne } from "drizzle-orm";
import { consultationSessions, orders } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { advanceSession } from "./advance-session.ts";
import { blockDueAt } from "./billing-rules.ts";
import { publishSessionChange } from "./publish-session-change.ts";
import { packageAtClockStart } from "../packages/attach-package.ts";

/**
 * The session clock starts (SPEC 5): for video when the media server forwarded the
 * provider's first packet to the customer, for text at the customer's second message.
 * Decides here, once, whether this is the order's first session (it may be void) and
 * whether block 0 is the prepaid hold; a later session pays its first block at once.
 * Starting twice changes nothing: the update is guarded on a clock not yet started.
 */
export async function startSessionClock(ctx: AppContext, input: { sessionId: string; at: Date }) {
  const change = await withTransaction(ctx.db, async (tx) => {
    const [session] = await tx
      .select()
      .from(consultationSessions)
      .where(and(eq(consultationSessions.id, input.sessionId), eq(consultationSessions.status, "live"), isNull(consultationSessions.clockStartedAt)))
      .for("update");
    if (!session) return null;
    const [order] = await tx.select({ prepaidBlockUsed: orders.prepaidBlockUsed }).from(orders).where(eq(orders.id, session.orderId));
    const [earlier] = await tx
      .select({ n: count() })
      .from(consultationSessions)
      .where(and(eq(consultationSessions.orderId, session.orderId), ne(consultationSessions.id, session.id), isNotNull(consultationSessions.clockStartedAt)));
    const metered = { clockStartedAt: input.at, usesPrepaidBlock: !order?.prepaidBlockUsed, firstSession: (earlier?.n ?? 0) === 0 };
    // SPEC 18: an active minute package pays this session's clock instead of blocks. A session
    // for an appointment (SPEC 16) is paid from the appointment's hold first, never from a
    // package (docs/decisions.md).
    const paidByPackage = session.appointmentId ? {} : await packageAtClockStart(tx, session.orderId, metered, ctx.config.billing);
    await tx
      .update(consultationSessions)
      // The first media forwarded is the first evidence of the service (video).
      .set({ ...metered, mediaSeenAt: input.at, nextChargeAt: blockDueAt(metered, 0, ctx.config.billing), ...paidByPackage })
      .where(eq(consultationSessions.id, session.id));
    return advanceSession(tx, ctx.config, session.id, input.at);
  });
  if (change) await publishSessionChange(ctx, change);
  return change?.row ?? null;
}
