import { describe, expect, it } from "vitest";
import { getSafeNextPath } from "./safe-next-path.ts";

describe("getSafeNextPath", () => {
  const cases: Array<[candidate: string | null | undefined, expected: string]> = [
    ["/finances", "/finances"],
    ["/finances?topUp=150000&return=%2Forders%2F42", "/finances?topUp=150000&return=%2Forders%2F42"],
    ["/orders/42#chat", "/orders/42#chat"],
    [null, "/home"],
    [undefined, "/home"],
    ["", "/home"],
    ["finances", "/home"],
    ["//evil.example/path", "/home"],
    ["/\\evil.example", "/home"],
    ["https://evil.example/", "/home"],
    ["javascript:alert(1)", "/home"],
    ["/\t/evil.example", "/home"],
  ];

  it.each(cases)("%j → %j", (candidate, expected) => {
    expect(getSafeNextPath(candidate, "/home")).toBe(expected);
  });
});
