// The tweep editor's form state and its translation to the API's JSON (SPEC 2). Prices are
// typed in major units and sent as integer minor units; only the fields that belong to the
// tweep's type and chosen languages are sent.

import type { LocalizedText, TweepType } from "../../contract/common.ts";
import type { TweepContent } from "../../contract/tweeps.ts";
import { formatMoneyInput } from "./format-money.ts";
import type { Locale } from "./locale.ts";
import { parseMoneyInput } from "./parse-money-input.ts";

export const tweepLanguages: readonly Locale[] = ["ru", "en"];
export const MAX_TWEEP_LINKS = 5;

export type TweepFormState = {
  type: TweepType;
  languages: Locale[];
  title: Record<Locale, string>;
  description: Record<Locale, string>;
  category: string;
  videoPrice: string;
  textPrice: string;
  price: string;
  /** One link per line. */
  links: string;
  /** SPEC 20: optional; blank leaves the provider's region to the catalog filter. */
  region: string;
};

export type TweepFormProblem =
  | { field: "languages" }
  | { field: "title" | "description"; language: Locale }
  | { field: "category" }
  | { field: "consultationPrice" }
  | { field: "videoPrice" | "textPrice" | "price"; error: string }
  | { field: "links"; error: "https" | "tooMany" };

export function emptyTweepForm(type: TweepType = "consultation"): TweepFormState {
  return {
    type,
    languages: ["ru"],
    title: { ru: "", en: "" },
    description: { ru: "", en: "" },
    category: "",
    videoPrice: "",
    textPrice: "",
    price: "",
    links: "",
    region: "",
  };
}

export function tweepFormFrom(type: TweepType, content: TweepContent, fractionDigits: number, locale: Locale): TweepFormState {
  const money = (amountMinor: number | undefined) =>
    amountMinor === undefined || amountMinor === null ? "" : formatMoneyInput(amountMinor, fractionDigits, locale);
  const texts = (text: LocalizedText) => ({ ru: text.ru ?? "", en: text.en ?? "" });
  return {
    type,
    languages: tweepLanguages.filter((language) => content.languages.includes(language)),
    title: texts(content.title),
    description: texts(content.description),
    category: content.category,
    videoPrice: money(content.videoPriceMinor),
    textPrice: money(content.textPriceMinor),
    price: money(content.priceMinor),
    links: (content.links ?? []).join("\n"),
    region: content.region ?? "",
  };
}

export type TweepPayload = {
  languages: Locale[];
  title: LocalizedText;
  description: LocalizedText;
  category: string;
  videoPriceMinor?: number | null;
  textPriceMinor?: number | null;
  priceMinor?: number;
  links?: string[] | null;
  region?: string | null;
};

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * Checks the form like the server does and builds the body. `forUpdate` sends `null` for
 * a cleared optional price or links (a PATCH keeps absent fields); a new tweep leaves them out.
 */
export function buildTweepPayload(
  form: TweepFormState,
  fractionDigits: number,
  forUpdate: boolean,
): { ok: true; payload: TweepPayload } | { ok: false; problems: TweepFormProblem[] } {
  const problems: TweepFormProblem[] = [];
  const languages = tweepLanguages.filter((language) => form.languages.includes(language));
  if (languages.length === 0) problems.push({ field: "languages" });
  const title: LocalizedText = {};
  const description: LocalizedText = {};
  for (const language of languages) {
    const titleText = form.title[language].trim();
    const descriptionText = form.description[language].trim();
    if (!titleText) problems.push({ field: "title", language });
    if (!descriptionText) problems.push({ field: "description", language });
    title[language] = titleText;
    description[language] = descriptionText;
  }
  if (!form.category) problems.push({ field: "category" });

  const payload: TweepPayload = { languages, title, description, category: form.category };
  const optionalPrice = (text: string, field: "videoPrice" | "textPrice"): number | null => {
    if (text.trim() === "") return null;
    const parsed = parseMoneyInput(text, fractionDigits);
    if (parsed.ok) return parsed.amountMinor;
    problems.push({ field, error: parsed.error });
    return null;
  };

  if (form.type === "consultation") {
    const video = optionalPrice(form.videoPrice, "videoPrice");
    const text = optionalPrice(form.textPrice, "textPrice");
    if (form.videoPrice.trim() === "" && form.textPrice.trim() === "") problems.push({ field: "consultationPrice" });
    if (video !== null || forUpdate) payload.videoPriceMinor = video;
    if (text !== null || forUpdate) payload.textPriceMinor = text;
  } else {
    const parsed = parseMoneyInput(form.price, fractionDigits);
    if (parsed.ok) payload.priceMinor = parsed.amountMinor;
    else problems.push({ field: "price", error: parsed.error });
  }

  if (form.type === "files") {
    const links = form.links
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
    if (links.length > MAX_TWEEP_LINKS) problems.push({ field: "links", error: "tooMany" });
    else if (links.some((link) => !isHttpsUrl(link))) problems.push({ field: "links", error: "https" });
    if (links.length > 0) payload.links = links;
    else if (forUpdate) payload.links = null;
  }

  const region = form.region.trim();
  if (region !== "") payload.region = region;
  else if (forUpdate) payload.region = null;

  return problems.length > 0 ? { ok: false, problems } : { ok: true, payload };
}
