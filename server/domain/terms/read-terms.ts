import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { providerTerms, termsConsents } from "../../../db/schema.ts";
import type { TermsView } from "../../../contract/appointments.ts";

/** The provider's newest terms, or null when they never published any. */
export async function readCurrentTerms(db: Executor, providerId: string) {
  const [row] = await db
    .select()
    .from(providerTerms)
    .where(eq(providerTerms.providerId, providerId))
    .orderBy(desc(providerTerms.version))
    .limit(1);
  return row ?? null;
}

/** The newest version the customer consented to, with its time. */
export async function readLatestConsent(db: Executor, providerId: string, customerId: string) {
  const [row] = await db
    .select({ version: termsConsents.version, consentedAt: termsConsents.consentedAt })
    .from(termsConsents)
    .where(and(eq(termsConsents.providerId, providerId), eq(termsConsents.customerId, customerId)))
    .orderBy(desc(termsConsents.version))
    .limit(1);
  return row ?? null;
}

/**
 * SPEC 16 "Terms": the text and version, and, for a signed-in customer, their consent and
 * whether a new one is needed before ordering or booking.
 */
export async function readTerms(db: Executor, input: { providerId: string; viewerId: string | null }): Promise<TermsView> {
  const terms = await readCurrentTerms(db, input.providerId);
  const consent = input.viewerId && input.viewerId !== input.providerId ? await readLatestConsent(db, input.providerId, input.viewerId) : null;
  return {
    providerId: input.providerId,
    version: terms?.version ?? null,
    text: terms?.text ?? null,
    publishedAt: terms?.createdAt.toISOString() ?? null,
    myConsent: consent ? { version: consent.version, consentedAt: consent.consentedAt.toISOString() } : null,
    consentRequired: terms !== null && input.viewerId !== null && input.viewerId !== input.providerId && (consent?.version ?? 0) < terms.version,
  };
}
