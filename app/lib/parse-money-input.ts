// Turns what a person typed into an amount field into integer minor units by reading the
// digits as a string: "1 500,50" → 150050. Floats are never involved, so "0.1" is exactly
// 10 and not 10.000000000000002.

export type MoneyInputError = "empty" | "invalid" | "too_many_decimals" | "not_positive" | "too_large";

export type ParseMoneyInputResult = { ok: true; amountMinor: number } | { ok: false; error: MoneyInputError };

// Spaces people and Intl use between thousands: ordinary, no-break, narrow no-break, thin.
const groupSeparator = "[ \\u00a0\\u202f\\u2009]";
const plainWhole = /^\d+$/;
const groupedWhole = new RegExp(`^\\d{1,3}(?:${groupSeparator}\\d{3})+$`);

export function parseMoneyInput(input: string, fractionDigits = 2): ParseMoneyInputResult {
  const text = input.trim();
  if (text === "") return { ok: false, error: "empty" };

  // Either "." or "," may be the decimal separator, but only one of them, once: "1,234.50"
  // and "1.234" are ambiguous across locales, so they are refused rather than guessed.
  const separators = text.match(/[.,]/g) ?? [];
  if (separators.length > 1) return { ok: false, error: "invalid" };
  const [wholeText = "", fractionText = ""] = separators.length === 1 ? text.split(/[.,]/) : [text, ""];

  if (wholeText !== "" && !plainWhole.test(wholeText) && !groupedWhole.test(wholeText)) {
    return { ok: false, error: "invalid" };
  }
  if (fractionText !== "" && !/^\d+$/.test(fractionText)) return { ok: false, error: "invalid" };
  if (wholeText === "" && fractionText === "") return { ok: false, error: "invalid" };
  if (fractionText.length > fractionDigits) return { ok: false, error: "too_many_decimals" };

  const digits = `${wholeText.replace(/\D/g, "")}${fractionText.padEnd(fractionDigits, "0")}`;
  const amountMinor = BigInt(digits === "" ? "0" : digits);
  if (amountMinor === 0n) return { ok: false, error: "not_positive" };
  if (amountMinor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, error: "too_large" };
  return { ok: true, amountMinor: Number(amountMinor) };
}
