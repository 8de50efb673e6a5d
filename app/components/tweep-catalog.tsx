"use client";

import { RefreshCw } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { apiRequest, isAbortError } from "../lib/api-client.ts";
import { catalogQueryToApiPath, catalogQueryToSearch, countPages, parseCatalogQuery, type CatalogQuery } from "../lib/catalog-query.ts";
import type { CatalogPage } from "../../contract/tweeps.ts";
import { useAppConfig } from "../lib/use-app-config.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { AlertMessage } from "./alert-message.tsx";
import { CatalogFilters, CatalogSortSelect } from "./catalog-filters.tsx";
import { CatalogPagination } from "./catalog-pagination.tsx";
import { TweepCard } from "./tweep-card.tsx";

// The answer for one API request; while the address asks for another, the page is loading
// and keeps showing the last results, dimmed.
type Answer = { path: string; attempt: number } & ({ status: "loaded"; page: CatalogPage } | { status: "failed"; error: unknown });

type CatalogState = { status: "loading"; previous: CatalogPage | null } | { status: "loaded"; page: CatalogPage } | { status: "failed"; error: unknown };

/**
 * "Find tweep" (SPEC 3). The address bar is the only source of truth for the search: the
 * form writes to it and the results are read from it, so a search can be linked to and
 * the back button steps through earlier searches.
 */
export function TweepCatalog() {
  const t = useTranslations("catalog2");
  const tc = useTranslations("common");
  const describeError = useErrorMessage();
  const config = useAppConfig();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const search = catalogQueryToSearch(parseCatalogQuery(searchParams));
  const query = parseCatalogQuery(new URLSearchParams(search));
  const apiPath = catalogQueryToApiPath(query);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [lastPage, setLastPage] = useState<CatalogPage | null>(null);
  const [attempt, setAttempt] = useState(0);

  const retry = useCallback(() => setAttempt((value) => value + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    apiRequest<CatalogPage>(apiPath, { signal: controller.signal })
      .then((page) => {
        setAnswer({ path: apiPath, attempt, status: "loaded", page });
        setLastPage(page);
      })
      .catch((error: unknown) => {
        if (isAbortError(error)) return;
        setAnswer({ path: apiPath, attempt, status: "failed", error });
      });
    return () => controller.abort();
  }, [apiPath, attempt]);

  const state: CatalogState =
    answer === null || answer.path !== apiPath || answer.attempt !== attempt
      ? { status: "loading", previous: lastPage }
      : answer.status === "loaded"
        ? { status: "loaded", page: answer.page }
        : { status: "failed", error: answer.error };

  const hrefFor = useCallback((next: CatalogQuery) => `${pathname}${catalogQueryToSearch(next)}`, [pathname]);
  const navigate = useCallback((next: CatalogQuery) => router.push(hrefFor(next), { scroll: false }), [router, hrefFor]);

  const currency = config?.currency ?? "RUB";
  const shown = state.status === "loaded" ? state.page : state.status === "loading" ? state.previous : null;
  const searching = search !== "";

  return (
    <section id="catalog" aria-labelledby="catalog-title" className="scroll-mt-24">
      <h2 id="catalog-title" className="mb-4 text-2xl font-bold tracking-tight text-slate-900">
        {t("title")}
      </h2>

      {/* Remounted on every address change, so the fields follow the back button. */}
      <CatalogFilters key={search} query={query} currency={currency} onChange={navigate} />

      <div className="mt-6 mb-4 flex flex-wrap items-center justify-between gap-3">
        <p role="status" className="text-sm font-medium text-slate-700">
          {state.status === "loaded" ? t("count", { count: state.page.total }) : state.status === "loading" ? tc("loading") : null}
        </p>
        <CatalogSortSelect query={query} onChange={navigate} />
      </div>

      {state.status === "failed" ? (
        <div className="space-y-3">
          <AlertMessage message={`${t("error")} ${describeError(state.error)}`} />
          <button
            type="button"
            onClick={retry}
            className="inline-flex items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            <RefreshCw aria-hidden="true" className="size-4" />
            {tc("retry")}
          </button>
        </div>
      ) : null}

      {state.status === "loading" && !shown ? (
        <div aria-busy="true" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {[0, 1, 2].map((index) => (
            <div key={index} aria-hidden="true" className="h-52 animate-pulse rounded-xl border border-slate-200 bg-white" />
          ))}
        </div>
      ) : null}

      {state.status === "loaded" && state.page.items.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-slate-600">
          {searching ? t("empty") : t("emptyAll")}
        </p>
      ) : null}

      {shown && shown.items.length > 0 ? (
        <div aria-busy={state.status === "loading" || undefined} className={state.status === "loading" ? "opacity-60 transition-opacity" : undefined}>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {shown.items.map((tweep) => (
              <li key={tweep.id}>
                <TweepCard tweep={tweep} currency={currency} />
              </li>
            ))}
          </ul>
          <CatalogPagination
            page={query.page}
            pages={countPages(shown.total, shown.pageSize)}
            hrefFor={(page) => hrefFor({ ...query, page })}
          />
        </div>
      ) : null}
    </section>
  );
}
