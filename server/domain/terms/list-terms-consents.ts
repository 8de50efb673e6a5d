import { desc, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { termsConsents, users } from "../../../db/schema.ts";

/** SPEC 16 "shown to both": the provider sees who consented to which version, and when. */
export async function listTermsConsents(db: Executor, providerId: string) {
  const rows = await db
    .select({ customerId: termsConsents.customerId, customerName: users.name, version: termsConsents.version, consentedAt: termsConsents.consentedAt })
    .from(termsConsents)
    .innerJoin(users, eq(users.id, termsConsents.customerId))
    .where(eq(termsConsents.providerId, providerId))
    .orderBy(desc(termsConsents.consentedAt))
    .limit(500);
  return rows.map((row) => ({ ...row, consentedAt: row.consentedAt.toISOString() }));
}
