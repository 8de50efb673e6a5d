import { describe, expect, it } from "vitest";
import { resolveLocale } from "./locale.ts";
import type { Locale } from "./locale.ts";

describe("resolveLocale", () => {
  const cases: Array<[cookie: string | undefined, acceptLanguage: string | null, expected: Locale]> = [
    ["en", "ru-RU,ru;q=0.9", "en"],
    ["ru", "en-US,en;q=0.9", "ru"],
    [undefined, "en-US,en;q=0.9", "en"],
    [undefined, "ru-RU,ru;q=0.9,en;q=0.8", "ru"],
    [undefined, "de-DE,de;q=0.9,en;q=0.5,ru;q=0.4", "en"],
    [undefined, "ru;q=0.3,en;q=0.7", "en"],
    [undefined, "en;q=0,ru", "ru"],
    [undefined, "fr-FR", "ru"],
    [undefined, null, "ru"],
    [undefined, "", "ru"],
    ["de", "en", "en"],
    ["", null, "ru"],
  ];

  it.each(cases)("cookie %j with Accept-Language %j gives %s", (cookie, acceptLanguage, expected) => {
    expect(resolveLocale(cookie, acceptLanguage)).toBe(expected);
  });
});
