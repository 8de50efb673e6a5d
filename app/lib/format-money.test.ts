import { describe, expect, it } from "vitest";
import {
  formatMoney,
  formatMoneyInput,
  formatSignedMoney,
  getCurrencyFractionDigits,
  minorToDecimalString,
} from "./format-money.ts";

// Intl separates groups and the currency sign with no-break spaces; spell them out so the
// expectations say exactly what a browser shows.
const nbsp = "\u00a0";

describe("minorToDecimalString", () => {
  const cases: Array<[amountMinor: number | bigint, fractionDigits: number, expected: string]> = [
    [0, 2, "0.00"],
    [1, 2, "0.01"],
    [10, 2, "0.10"],
    [150050, 2, "1500.50"],
    [-150050, 2, "-1500.50"],
    [-5, 2, "-0.05"],
    [1500, 0, "1500"],
    [1234, 3, "1.234"],
    [Number.MAX_SAFE_INTEGER, 2, "90071992547409.91"],
    [12345678901234567890n, 2, "123456789012345678.90"],
  ];

  it.each(cases)("turns %s with %i digits into %j", (amountMinor, fractionDigits, expected) => {
    expect(minorToDecimalString(amountMinor, fractionDigits)).toBe(expected);
  });

  it("refuses amounts that are not safe integers", () => {
    expect(() => minorToDecimalString(0.5, 2)).toThrow(RangeError);
    expect(() => minorToDecimalString(2 ** 60, 2)).toThrow(RangeError);
  });
});

describe("formatMoney", () => {
  const cases: Array<[amountMinor: number | bigint, currency: string, locale: string, expected: string]> = [
    [150000, "RUB", "ru", `1${nbsp}500,00${nbsp}₽`],
    [150050, "RUB", "ru", `1${nbsp}500,50${nbsp}₽`],
    [150050, "RUB", "en", "₽1,500.50"],
    [10, "USD", "en", "$0.10"],
    [-2500, "USD", "en", "-$25.00"],
    [1500, "JPY", "en", "¥1,500"],
    // More digits than a double holds exactly: the string path keeps every one of them.
    [12345678901234567890n, "USD", "en", "$123,456,789,012,345,678.90"],
  ];

  it.each(cases)("formats %s %s in %s", (amountMinor, currency, locale, expected) => {
    expect(formatMoney(amountMinor, currency, locale)).toBe(expected);
  });
});

describe("formatSignedMoney", () => {
  const cases: Array<[amountMinor: number, locale: string, expected: string]> = [
    [150000, "en", "+$1,500.00"],
    [-20000, "en", "-$200.00"],
    [0, "en", "$0.00"],
  ];

  it.each(cases)("formats %i in %s with its sign", (amountMinor, locale, expected) => {
    expect(formatSignedMoney(amountMinor, "USD", locale)).toBe(expected);
  });
});

describe("formatMoneyInput", () => {
  const cases: Array<[amountMinor: number, fractionDigits: number, locale: string, expected: string]> = [
    [150000, 2, "ru", "1500"],
    [150050, 2, "ru", "1500,50"],
    [150050, 2, "en", "1500.50"],
    [7, 2, "en", "0.07"],
    [1500, 0, "en", "1500"],
  ];

  it.each(cases)("writes %i (%i digits, %s) as %j", (amountMinor, fractionDigits, locale, expected) => {
    expect(formatMoneyInput(amountMinor, fractionDigits, locale)).toBe(expected);
  });
});

describe("getCurrencyFractionDigits", () => {
  it.each([
    ["RUB", 2],
    ["USD", 2],
    ["JPY", 0],
    ["BHD", 3],
  ] as const)("knows %s has %i minor digits", (currency, digits) => {
    expect(getCurrencyFractionDigits(currency)).toBe(digits);
  });
});
