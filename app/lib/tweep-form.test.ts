import { describe, expect, it } from "vitest";
import { parseShareInput, splitInHalf } from "./resolve-split.ts";
import { buildTweepPayload, emptyTweepForm, tweepFormFrom } from "./tweep-form.ts";

describe("buildTweepPayload", () => {
  it("sends a bilingual work tweep in minor units", () => {
    const form = {
      ...emptyTweepForm("work"),
      languages: ["en", "ru"] as ("ru" | "en")[],
      title: { ru: " Логотип ", en: "Logo" },
      description: { ru: "Нарисую", en: "I draw" },
      category: "design",
      price: "1 500,50",
    };
    expect(buildTweepPayload(form, 2, false)).toEqual({
      ok: true,
      payload: {
        languages: ["ru", "en"],
        title: { ru: "Логотип", en: "Logo" },
        description: { ru: "Нарисую", en: "I draw" },
        category: "design",
        priceMinor: 150050,
      },
    });
  });

  it("needs texts for every chosen language and a price for the type", () => {
    const result = buildTweepPayload({ ...emptyTweepForm("consultation"), languages: ["en"] }, 2, false);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([
        { field: "title", language: "en" },
        { field: "description", language: "en" },
        { field: "category" },
        { field: "consultationPrice" },
      ]);
    }
  });

  it("clears a consultation's missing price and a files tweep's links on update", () => {
    const consultation = {
      ...emptyTweepForm("consultation"),
      title: { ru: "Т", en: "" },
      description: { ru: "О", en: "" },
      category: "law",
      videoPrice: "100",
    };
    const update = buildTweepPayload(consultation, 2, true);
    expect(update.ok && update.payload).toMatchObject({ videoPriceMinor: 10000, textPriceMinor: null });
    const files = { ...consultation, type: "files" as const, price: "10", links: "\n" };
    const filesUpdate = buildTweepPayload(files, 2, true);
    expect(filesUpdate.ok && filesUpdate.payload).toMatchObject({ priceMinor: 1000, links: null });
  });

  it("sends a trimmed region, leaves a blank one out of a new tweep and clears it on update", () => {
    const form = { ...emptyTweepForm("work"), title: { ru: "Логотип", en: "" }, description: { ru: "Нарисую", en: "" }, category: "design", price: "100" };
    const withRegion = buildTweepPayload({ ...form, region: "  Казань " }, 2, false);
    expect(withRegion.ok && withRegion.payload.region).toBe("Казань");
    const created = buildTweepPayload({ ...form, region: "  " }, 2, false);
    expect(created.ok && "region" in created.payload).toBe(false);
    const updated = buildTweepPayload({ ...form, region: "" }, 2, true);
    expect(updated.ok && updated.payload.region).toBeNull();
  });

  it("refuses links that are not https", () => {
    const files = { ...emptyTweepForm("files"), title: { ru: "Т", en: "" }, description: { ru: "О", en: "" }, category: "it", price: "1", links: "http://x.example" };
    const result = buildTweepPayload(files, 2, false);
    expect(result.ok).toBe(false);
  });
});

describe("tweepFormFrom", () => {
  it("writes prices the way a person types them", () => {
    const form = tweepFormFrom(
      "files",
      { languages: ["ru"], title: { ru: "А" }, description: { ru: "Б" }, category: "it", priceMinor: 150050, links: ["https://a.example"], hasCover: false },
      2,
      "ru",
    );
    expect(form).toMatchObject({ price: "1500,50", links: "https://a.example", title: { ru: "А", en: "" } });
  });
});

describe("resolve amounts", () => {
  it("splits in half without losing a unit", () => {
    expect(splitInHalf(1001)).toEqual({ toProviderMinor: 500, toCustomerMinor: 501 });
  });
  it("reads empty and zero as nothing", () => {
    expect(parseShareInput("", 2)).toEqual({ ok: true, amountMinor: 0 });
    expect(parseShareInput("0,00", 2)).toEqual({ ok: true, amountMinor: 0 });
    expect(parseShareInput("12.5", 2)).toEqual({ ok: true, amountMinor: 1250 });
  });
});
