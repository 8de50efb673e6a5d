import { sql } from "drizzle-orm";
import { providerTerms } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { withTransaction } from "../../../db/with-transaction.ts";
import { readCurrentTerms, readTerms } from "./read-terms.ts";

/**
 * `PUT /me/terms` (SPEC 16): a new version of the provider's terms. The same text again is
 * not a new version (customers are not asked to consent twice to identical words).
 * Two concurrent publications serialise on a lock per provider, so versions stay 1, 2, 3…
 */
export async function publishTerms(ctx: AppContext, input: { providerId: string; text: string }) {
  await withTransaction(ctx.db, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended('terms:' || ${input.providerId}, 0))`);
    const current = await readCurrentTerms(tx, input.providerId);
    if (current?.text === input.text) return;
    await tx.insert(providerTerms).values({ providerId: input.providerId, version: (current?.version ?? 0) + 1, text: input.text, createdAt: ctx.now() });
  });
  return readTerms(ctx.db, { providerId: input.providerId, viewerId: null });
}
