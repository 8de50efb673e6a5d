import { describe, expect, it } from "vitest";
import { parseMoneyInput } from "./parse-money-input.ts";
import type { ParseMoneyInputResult } from "./parse-money-input.ts";

describe("parseMoneyInput", () => {
  const cases: Array<[input: string, expected: ParseMoneyInputResult]> = [
    ["1500", { ok: true, amountMinor: 150000 }],
    ["1500.5", { ok: true, amountMinor: 150050 }],
    ["1500.50", { ok: true, amountMinor: 150050 }],
    ["1 500,50", { ok: true, amountMinor: 150050 }],
    ["1\u00a0500,50", { ok: true, amountMinor: 150050 }],
    ["1\u202f500\u202f000", { ok: true, amountMinor: 150000000 }],
    ["  42  ", { ok: true, amountMinor: 4200 }],
    ["0.1", { ok: true, amountMinor: 10 }],
    ["0.01", { ok: true, amountMinor: 1 }],
    ["12,3", { ok: true, amountMinor: 1230 }],
    [",5", { ok: true, amountMinor: 50 }],
    ["7.", { ok: true, amountMinor: 700 }],
    ["007", { ok: true, amountMinor: 700 }],
    ["90071992547409.91", { ok: true, amountMinor: 9007199254740991 }],
    ["", { ok: false, error: "empty" }],
    ["   ", { ok: false, error: "empty" }],
    ["1.234", { ok: false, error: "too_many_decimals" }],
    ["0.001", { ok: false, error: "too_many_decimals" }],
    ["1,234.50", { ok: false, error: "invalid" }],
    ["1.2.3", { ok: false, error: "invalid" }],
    ["-5", { ok: false, error: "invalid" }],
    ["+5", { ok: false, error: "invalid" }],
    ["abc", { ok: false, error: "invalid" }],
    ["1e3", { ok: false, error: "invalid" }],
    ["12 34", { ok: false, error: "invalid" }],
    ["1 5 0 0", { ok: false, error: "invalid" }],
    [".", { ok: false, error: "invalid" }],
    ["5 ₽", { ok: false, error: "invalid" }],
    ["0", { ok: false, error: "not_positive" }],
    ["0,00", { ok: false, error: "not_positive" }],
    ["90071992547409.92", { ok: false, error: "too_large" }],
  ];

  it.each(cases)("parses %j", (input, expected) => {
    expect(parseMoneyInput(input)).toEqual(expected);
  });

  it("respects the currency's number of minor digits", () => {
    expect(parseMoneyInput("1500", 0)).toEqual({ ok: true, amountMinor: 1500 });
    expect(parseMoneyInput("1500.5", 0)).toEqual({ ok: false, error: "too_many_decimals" });
    expect(parseMoneyInput("1.234", 3)).toEqual({ ok: true, amountMinor: 1234 });
  });
});
