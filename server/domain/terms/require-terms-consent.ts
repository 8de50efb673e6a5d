import { and, eq, max } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { providerTerms, termsConsents } from "../../../db/schema.ts";
import { AppError } from "../../errors.ts";

/**
 * SPEC 16: before a customer's first order or booking with a provider, and after each new
 * version of the provider's terms, the customer must have consented to the current version.
 * No terms at all means nothing to consent to. Called inside the ordering transaction.
 */
export async function requireTermsConsent(db: Executor, input: { providerId: string; customerId: string }) {
  const [terms] = await db.select({ version: max(providerTerms.version) }).from(providerTerms).where(eq(providerTerms.providerId, input.providerId));
  const version = terms?.version ?? null;
  if (version === null) return;
  const [consent] = await db
    .select({ version: max(termsConsents.version) })
    .from(termsConsents)
    .where(and(eq(termsConsents.providerId, input.providerId), eq(termsConsents.customerId, input.customerId)));
  if ((consent?.version ?? 0) < version) {
    throw new AppError("terms_consent_required", "Read and accept the provider's terms of service first.", {
      details: { providerId: input.providerId, version },
    });
  }
}
