// Money arrives as integer minor units. It is turned into an exact decimal string with
// integer arithmetic and handed to Intl.NumberFormat as a string, so no binary floating
// point ever touches an amount (Intl formats decimal strings exactly since ES2023).

// "narrowSymbol" shows "₽1,500.00" rather than "RUB 1,500.00" to English readers.
const formatterCache = new Map<string, Intl.NumberFormat>();

function getCurrencyFormatter(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatterCache.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "narrowSymbol" });
    formatterCache.set(key, formatter);
  }
  return formatter;
}

/** How many minor units digits a currency has (RUB 2, JPY 0, BHD 3), as CLDR knows it. */
export function getCurrencyFractionDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** The sign people know the currency by: "₽", "$". */
export function getCurrencySymbol(currency: string, locale: string): string {
  return (
    getCurrencyFormatter(locale, currency)
      .formatToParts(0)
      .find((part) => part.type === "currency")?.value ?? currency
  );
}

/** Builds the exact decimal string for an amount in minor units, e.g. (-150050, 2) → "-1500.50". */
export function minorToDecimalString(amountMinor: number | bigint, fractionDigits: number): string {
  if (typeof amountMinor === "number" && !Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`Money amounts must be safe integers in minor units, got ${amountMinor}`);
  }
  const value = BigInt(amountMinor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(fractionDigits + 1, "0");
  const whole = digits.slice(0, digits.length - fractionDigits);
  const fraction = digits.slice(digits.length - fractionDigits);
  return `${negative ? "-" : ""}${whole}${fractionDigits > 0 ? `.${fraction}` : ""}`;
}

/** Formats integer minor units as a currency amount for people, e.g. 150050 RUB in ru → "1 500,50 ₽". */
export function formatMoney(amountMinor: number | bigint, currency: string, locale: string): string {
  const formatter = getCurrencyFormatter(locale, currency);
  const fractionDigits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(minorToDecimalString(amountMinor, fractionDigits) as Intl.StringNumericLiteral);
}

/** Like formatMoney, but always shows the sign, for ledger movements: "+1 500,00 ₽", "−200,00 ₽". */
export function formatSignedMoney(amountMinor: number | bigint, currency: string, locale: string): string {
  const formatter = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    currencyDisplay: "narrowSymbol",
    signDisplay: "exceptZero",
  });
  const fractionDigits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(minorToDecimalString(amountMinor, fractionDigits) as Intl.StringNumericLiteral);
}

/**
 * Writes minor units the way a person would type them into an amount field in this
 * locale, without grouping: 150000 → "1500", 150050 → "1500,50" (ru) or "1500.50" (en).
 * Used to prefill the top-up field with an exact missing amount.
 */
export function formatMoneyInput(amountMinor: number, fractionDigits: number, locale: string): string {
  const decimal = minorToDecimalString(amountMinor, fractionDigits);
  const [whole = "0", fraction = ""] = decimal.split(".");
  if (fraction === "" || /^0+$/.test(fraction)) return whole;
  const separator =
    new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === "decimal")?.value ?? ".";
  return `${whole}${separator}${fraction}`;
}
