"use client";

import { Search, X } from "lucide-react";
import { useState, type FormEvent } from "react";
import { useLocale, useTranslations } from "use-intl";
import {
  catalogLangValues,
  catalogSortValues,
  catalogTypeValues,
  emptyCatalogQuery,
  type CatalogQuery,
  type CatalogSort,
} from "../lib/catalog-query.ts";
import { formatMoneyInput, getCurrencyFractionDigits, getCurrencySymbol } from "../lib/format-money.ts";
import type { Locale } from "../lib/locale.ts";
import { parseMoneyInput } from "../lib/parse-money-input.ts";
import { useCategories } from "../lib/use-categories.ts";
import { FormField, inputClassName } from "./form-field.tsx";
import { SelectField } from "./select-field.tsx";
import { SubmitButton } from "./submit-button.tsx";

type Props = {
  query: CatalogQuery;
  currency: string;
  onChange: (next: CatalogQuery) => void;
};

type PriceResult = { ok: true; value: number | null } | { ok: false };

function readPrice(text: string, fractionDigits: number): PriceResult {
  if (text.trim() === "") return { ok: true, value: null };
  const parsed = parseMoneyInput(text, fractionDigits);
  return parsed.ok ? { ok: true, value: parsed.amountMinor } : { ok: false };
}

/**
 * The search box and filters (SPEC 3). Selects and the checkbox apply at once; the words
 * and prices apply with "Find" (or Enter). The form is remounted whenever the address bar
 * changes (see TweepCatalog), so what it shows always matches the results.
 */
export function CatalogFilters({ query, currency, onChange }: Props) {
  const t = useTranslations("catalog2");
  const tt = useTranslations("tweep");
  const tl = useTranslations("languages");
  const locale = useLocale();
  const categories = useCategories();
  const fractionDigits = getCurrencyFractionDigits(currency);
  const toInput = (minor: number | null) => (minor === null ? "" : formatMoneyInput(minor, fractionDigits, locale));
  const [q, setQ] = useState(query.q);
  const [minText, setMinText] = useState(toInput(query.minPrice));
  const [maxText, setMaxText] = useState(toInput(query.maxPrice));
  const [priceError, setPriceError] = useState<string | null>(null);

  // Builds the next query from the typed fields; null (with a message) when a price is wrong.
  const withTyped = (changes: Partial<CatalogQuery>): CatalogQuery | null => {
    const min = readPrice(minText, fractionDigits);
    const max = readPrice(maxText, fractionDigits);
    if (!min.ok || !max.ok) {
      setPriceError(t("priceInvalid"));
      return null;
    }
    if (min.value !== null && max.value !== null && min.value > max.value) {
      setPriceError(t("priceOrder"));
      return null;
    }
    setPriceError(null);
    return { ...query, q: q.trim(), minPrice: min.value, maxPrice: max.value, ...changes, page: 1 };
  };

  const apply = (changes: Partial<CatalogQuery>) => {
    const next = withTyped(changes);
    // A wrong price must not block a select: apply the select with the prices in force.
    onChange(next ?? { ...query, ...changes, page: 1 });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = withTyped({});
    if (next) onChange(next);
  };

  const filtered =
    query.type !== null ||
    query.category !== null ||
    query.lang !== null ||
    query.minPrice !== null ||
    query.maxPrice !== null ||
    query.availableNow;

  return (
    <form role="search" aria-label={t("title")} onSubmit={submit} noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <FormField
          className="flex-1"
          label={t("searchLabel")}
          type="search"
          name="q"
          value={q}
          maxLength={200}
          placeholder={t("searchPlaceholder")}
          enterKeyHint="search"
          onChange={(event) => setQ(event.target.value)}
        />
        <SubmitButton icon={<Search aria-hidden="true" className="size-4" />}>{t("find")}</SubmitButton>
      </div>

      <fieldset>
        <legend className="sr-only">{t("filters")}</legend>
        <div className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6">
          <SelectField
            label={t("type")}
            value={query.type ?? ""}
            onChange={(event) => apply({ type: catalogTypeValues.find((value) => value === event.target.value) ?? null })}
          >
            <option value="">{t("anyType")}</option>
            {catalogTypeValues.map((value) => (
              <option key={value} value={value}>
                {tt(`types.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("category")}
            value={query.category ?? ""}
            onChange={(event) => apply({ category: event.target.value || null })}
          >
            <option value="">{t("anyCategory")}</option>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name[locale]}
              </option>
            ))}
            {query.category && !categories.some((category) => category.id === query.category) ? (
              <option value={query.category}>{query.category}</option>
            ) : null}
          </SelectField>
          <SelectField
            label={t("language")}
            value={query.lang ?? ""}
            onChange={(event) => apply({ lang: catalogLangValues.find((value) => value === event.target.value) ?? null })}
          >
            <option value="">{t("anyLanguage")}</option>
            {catalogLangValues.map((value: Locale) => (
              <option key={value} value={value}>
                {tl(value)}
              </option>
            ))}
          </SelectField>
          <FormField
            label={t("minPrice")}
            inputMode="decimal"
            autoComplete="off"
            value={minText}
            suffix={getCurrencySymbol(currency, locale)}
            aria-invalid={priceError ? true : undefined}
            aria-errormessage={priceError ? "catalog-price-error" : undefined}
            onChange={(event) => setMinText(event.target.value)}
          />
          <FormField
            label={t("maxPrice")}
            inputMode="decimal"
            autoComplete="off"
            value={maxText}
            suffix={getCurrencySymbol(currency, locale)}
            aria-invalid={priceError ? true : undefined}
            aria-errormessage={priceError ? "catalog-price-error" : undefined}
            onChange={(event) => setMaxText(event.target.value)}
          />
          <div className="flex items-end">
            <label className="flex min-h-10 w-full cursor-pointer items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 has-checked:border-indigo-400 has-checked:bg-indigo-50">
              <input
                type="checkbox"
                checked={query.availableNow}
                onChange={(event) => apply({ availableNow: event.target.checked })}
                className="size-4 rounded border-slate-300 accent-indigo-600"
              />
              {t("availableNow")}
            </label>
          </div>
        </div>
        {priceError ? (
          <p id="catalog-price-error" role="alert" className="mt-2 text-sm text-red-700">
            {priceError}
          </p>
        ) : (
          <p className="mt-2 text-xs text-slate-500">{t("priceHint")}</p>
        )}
      </fieldset>

      {filtered ? (
        <button
          type="button"
          onClick={() => onChange({ ...emptyCatalogQuery, q: query.q, sort: query.sort })}
          className="inline-flex items-center gap-1.5 text-sm font-medium text-indigo-700 hover:underline"
        >
          <X aria-hidden="true" className="size-4" />
          {t("reset")}
        </button>
      ) : null}
    </form>
  );
}

/** The sort order, beside the result count. */
export function CatalogSortSelect({ query, onChange }: { query: CatalogQuery; onChange: (next: CatalogQuery) => void }) {
  const t = useTranslations("catalog2");
  const current: CatalogSort = query.sort ?? (query.q ? "relevance" : "newest");
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="catalog-sort" className="text-sm font-medium whitespace-nowrap text-slate-700">
        {t("sort")}
      </label>
      <select
        id="catalog-sort"
        value={current}
        onChange={(event) => {
          const sort = catalogSortValues.find((value) => value === event.target.value) ?? null;
          onChange({ ...query, sort, page: 1 });
        }}
        className={`${inputClassName} w-auto bg-white pr-8 text-slate-900`}
      >
        {catalogSortValues
          .filter((value) => value !== "relevance" || query.q)
          .map((value) => (
            <option key={value} value={value}>
              {t(`sorts.${value}`)}
            </option>
          ))}
      </select>
    </div>
  );
}
