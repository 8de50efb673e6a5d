import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { tweeps } from "../../../db/schema.ts";
import { AppError } from "../../errors.ts";
import { tweepRowColumns } from "./tweep-content.ts";

/**
 * The tweep if this user owns it. Someone else's tweep answers like a missing one, so
 * nobody learns which drafts exist. `lock` takes the row for the rest of the transaction.
 */
export async function findOwnTweep(db: Executor, tweepId: string, ownerId: string, options: { lock?: boolean } = {}) {
  const query = db
    .select(tweepRowColumns)
    .from(tweeps)
    .where(and(eq(tweeps.id, tweepId), eq(tweeps.providerId, ownerId)));
  const [tweep] = options.lock ? await query.for("update") : await query;
  if (!tweep) throw new AppError("not_found", "There is no such tweep among yours.");
  return tweep;
}
