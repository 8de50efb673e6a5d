import { describe, expect, it } from "vitest";
import { pickLocalized } from "./pick-localized.ts";

describe("pickLocalized", () => {
  it.each([
    [{ ru: "Консультация", en: "Consultation" }, "en", { value: "Consultation", lang: "en" }],
    [{ ru: "Консультация", en: "Consultation" }, "ru", { value: "Консультация", lang: "ru" }],
    [{ ru: "Консультация" }, "en", { value: "Консультация", lang: "ru" }],
    [{ en: "Consultation", ru: "  " }, "ru", { value: "Consultation", lang: "en" }],
    [{}, "ru", null],
    [undefined, "en", null],
  ] as const)("%j in %s", (text, locale, expected) => {
    expect(pickLocalized(text, locale)).toEqual(expected);
  });
});
