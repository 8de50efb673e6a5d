/**
 * Splits an amount that reaches a provider into the platform's commission and the
 * provider's net (SPEC 4). Integer arithmetic only; the commission rounds down, so the
 * two parts always add up to the amount and the provider never gets less than the rate says.
 */
export function splitCommission(amountMinor: bigint, commissionPercent: number) {
  if (amountMinor < 0n) throw new Error("amounts to split are never negative");
  if (!Number.isInteger(commissionPercent) || commissionPercent < 0 || commissionPercent > 100) {
    throw new Error("the commission is a whole percentage from 0 to 100");
  }
  const commissionMinor = (amountMinor * BigInt(commissionPercent)) / 100n;
  return { commissionMinor, netMinor: amountMinor - commissionMinor };
}
