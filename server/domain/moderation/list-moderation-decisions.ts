import { desc, eq } from "drizzle-orm";
import { moderationDecisions, users } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";

const LIMIT = 500;

/** SPEC 10: who decided what and when, newest first; optionally for one tweep. */
export async function listModerationDecisions(ctx: AppContext, input: { tweepId?: string }) {
  const rows = await ctx.db
    .select({ decision: moderationDecisions, moderatorName: users.name })
    .from(moderationDecisions)
    .innerJoin(users, eq(users.id, moderationDecisions.moderatorId))
    .where(input.tweepId ? eq(moderationDecisions.tweepId, input.tweepId) : undefined)
    .orderBy(desc(moderationDecisions.createdAt))
    .limit(LIMIT);
  return {
    items: rows.map(({ decision, moderatorName }) => ({
      id: decision.id,
      tweepId: decision.tweepId,
      revisionId: decision.revisionId,
      moderatorId: decision.moderatorId,
      moderatorName,
      decision: decision.decision,
      reason: decision.reason,
      createdAt: decision.createdAt.toISOString(),
    })),
  };
}
