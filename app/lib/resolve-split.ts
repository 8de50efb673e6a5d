// A moderator's split of the money held in a disputed order (SPEC 8): the two parts are
// typed in major units and must add up to the held amount exactly.

import { parseMoneyInput } from "./parse-money-input.ts";

/** Splits a held amount in two halves; the odd minor unit goes to the customer. */
export function splitInHalf(heldMinor: number): { toProviderMinor: number; toCustomerMinor: number } {
  const toProviderMinor = Math.floor(heldMinor / 2);
  return { toProviderMinor, toCustomerMinor: heldMinor - toProviderMinor };
}

/** Reads a resolve form's amount in major units; an empty field or 0 means nothing. */
export function parseShareInput(text: string, fractionDigits: number): { ok: true; amountMinor: number } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (trimmed === "" || /^0+([.,]0*)?$/.test(trimmed)) return { ok: true, amountMinor: 0 };
  const parsed = parseMoneyInput(trimmed, fractionDigits);
  return parsed.ok ? parsed : { ok: false, error: parsed.error };
}
