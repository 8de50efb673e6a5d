import { getTableColumns } from "drizzle-orm";
import { tweeps, type tweepRevisions, type tweepTypes } from "../../../db/schema.ts";
import { AppError } from "../../errors.ts";
import { tweepCategoryIds } from "./categories.ts";

export type Language = "ru" | "en";
export type TweepType = (typeof tweepTypes)[number];
export type Localized = { ru?: string; en?: string };
/** A tweep as read for showing; the search document is left out of such reads. */
export type TweepRow = Omit<typeof tweeps.$inferSelect, "searchDocument">;

// Every column but the search document, which is for matching, not for reading back:
// select these wherever a whole tweep is read.
const { searchDocument: _matchedOnly, ...readColumns } = getTableColumns(tweeps);
export const tweepRowColumns = readColumns;
export type RevisionRow = typeof tweepRevisions.$inferSelect;

/** What a provider writes and a moderator approves (SPEC 2), in API units. */
export type TweepContent = {
  languages: Language[];
  title: Localized;
  description: Localized;
  category: string;
  videoPriceMinor: number | null;
  textPriceMinor: number | null;
  priceMinor: number | null;
  links: string[] | null;
  /** SPEC 20: where the service is offered; the catalog's region filter falls back to the provider's. */
  region: string | null;
};

/** A PATCH: absent fields keep their value; `null` clears an optional one. */
export type TweepContentChanges = Partial<TweepContent>;

export const MAX_TITLE_CHARS = 200;
export const MAX_DESCRIPTION_CHARS = 5000;
export const MAX_LINKS = 5;
export const MAX_REGION_CHARS = 100;
const LANGUAGE_ORDER: Language[] = ["ru", "en"];

/** The same content columns live on tweeps and their revisions. */
export function contentOf(row: TweepRow | RevisionRow): TweepContent {
  const minor = (value: bigint | null) => (value === null ? null : Number(value));
  return {
    languages: row.languages as Language[],
    title: row.title,
    description: row.description,
    category: row.category,
    videoPriceMinor: minor(row.videoPriceMinor),
    textPriceMinor: minor(row.textPriceMinor),
    priceMinor: minor(row.priceMinor),
    links: row.links ?? null,
    region: row.region ?? null,
  };
}

/** The content as the API shows it: absent prices and links left out, amounts as numbers. */
export function toContentView(row: TweepRow | RevisionRow) {
  const content = contentOf(row);
  return {
    languages: content.languages,
    title: content.title,
    description: content.description,
    category: content.category,
    videoPriceMinor: content.videoPriceMinor ?? undefined,
    textPriceMinor: content.textPriceMinor ?? undefined,
    priceMinor: content.priceMinor ?? undefined,
    links: content.links ?? undefined,
    region: content.region ?? undefined,
    hasCover: row.coverFileId !== null,
  };
}

export function toContentColumns(content: TweepContent) {
  const minor = (value: number | null) => (value === null ? null : BigInt(value));
  return {
    languages: content.languages,
    title: content.title,
    description: content.description,
    category: content.category,
    videoPriceMinor: minor(content.videoPriceMinor),
    textPriceMinor: minor(content.textPriceMinor),
    priceMinor: minor(content.priceMinor),
    links: content.links,
    region: content.region,
  };
}

/**
 * Applies a PATCH to the current content. Texts kept from before in a language that the
 * change drops are dropped with it; texts the request itself sends are checked as sent.
 */
export function mergeContent(current: TweepContent, changes: TweepContentChanges): TweepContent {
  const merged = { ...current, ...changes };
  const languages = changes.languages ?? current.languages;
  const keep = (text: Localized) => Object.fromEntries(Object.entries(text).filter(([language]) => languages.includes(language as Language)));
  if (!changes.title) merged.title = keep(current.title);
  if (!changes.description) merged.description = keep(current.description);
  return merged;
}

/** The cross-field rules of SPEC 2; the transport has already checked each field's shape. */
export function checkContent(type: TweepType, input: TweepContent): TweepContent {
  const problems: { path: string; message: string }[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  const languages = LANGUAGE_ORDER.filter((language) => input.languages.includes(language));
  if (languages.length === 0 || languages.length !== input.languages.length) {
    problem("languages", "choose ru, en or both, each once");
  }
  const title: Localized = {};
  const description: Localized = {};
  for (const [field, source, target, max] of [
    ["title", input.title, title, MAX_TITLE_CHARS],
    ["description", input.description, description, MAX_DESCRIPTION_CHARS],
  ] as const) {
    for (const language of LANGUAGE_ORDER) {
      const text = source[language]?.trim();
      if (languages.includes(language)) {
        if (!text) problem(`${field}.${language}`, `required for the language ${language}`);
        else if (text.length > max) problem(`${field}.${language}`, `at most ${max} characters`);
        else target[language] = text;
      } else if (source[language] !== undefined) {
        problem(`${field}.${language}`, `the tweep is not offered in ${language}`);
      }
    }
  }
  if (!(tweepCategoryIds as readonly string[]).includes(input.category)) problem("category", "not a known category");
  if (type === "consultation") {
    if (input.priceMinor !== null) problem("priceMinor", "consultations are priced per block: use videoPriceMinor/textPriceMinor");
    if (input.videoPriceMinor === null && input.textPriceMinor === null) {
      problem("videoPriceMinor", "a consultation needs a video price, a text price or both");
    }
  } else {
    if (input.priceMinor === null) problem("priceMinor", `required for ${type} tweeps`);
    if (input.videoPriceMinor !== null) problem("videoPriceMinor", "only consultations have a video price");
    if (input.textPriceMinor !== null) problem("textPriceMinor", "only consultations have a text price");
  }
  const links = input.links?.length ? input.links : null;
  if (links && type !== "files") problem("links", "only files tweeps have links");
  if (links && links.length > MAX_LINKS) problem("links", `at most ${MAX_LINKS} links`);
  for (const [index, link] of (links ?? []).entries()) {
    if (!isHttpsUrl(link)) problem(`links.${index}`, "must be an https:// address");
  }
  // Blank means none: the catalog filter then uses the provider's region.
  const region = input.region?.trim() || null;
  if (region && region.length > MAX_REGION_CHARS) problem("region", `at most ${MAX_REGION_CHARS} characters`);
  const [first] = problems;
  if (first) throw new AppError("validation_failed", `${first.path}: ${first.message}`, { details: problems });
  return { ...input, languages, title, description, links, region };
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}
