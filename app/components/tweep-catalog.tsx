"use client";

import { RefreshCw } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { apiRequest, isAbortError } from "../lib/api-client.ts";
import type { Tweep } from "../lib/api-types.ts";
import { useAppConfig } from "../lib/use-app-config.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { AlertMessage } from "./alert-message.tsx";
import { TweepCard } from "./tweep-card.tsx";

type CatalogState =
  | { status: "loading" }
  | { status: "loaded"; items: Tweep[]; total: number }
  | { status: "failed"; error: unknown };

export function TweepCatalog() {
  const t = useTranslations();
  const describeError = useErrorMessage();
  const config = useAppConfig();
  const [state, setState] = useState<CatalogState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  const retry = useCallback(() => {
    setState({ status: "loading" });
    setAttempt((value) => value + 1);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    apiRequest<{ items: Tweep[]; total: number }>("/tweeps", { signal: controller.signal })
      .then(({ items, total }) => setState({ status: "loaded", items, total }))
      .catch((error: unknown) => {
        if (isAbortError(error)) return;
        setState({ status: "failed", error });
      });
    return () => controller.abort();
  }, [attempt]);

  const currency = config?.currency ?? "RUB";

  return (
    <section id="catalog" aria-labelledby="catalog-title" className="scroll-mt-24">
      <div className="mb-5 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="catalog-title" className="text-2xl font-bold tracking-tight text-slate-900">
          {t("home.catalogTitle")}
        </h2>
        {state.status === "loaded" ? (
          <p className="text-sm text-slate-500">{t("home.catalogCount", { count: state.total })}</p>
        ) : null}
      </div>

      {state.status === "loading" ? (
        <div aria-busy="true" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <span className="sr-only">{t("common.loading")}</span>
          {[0, 1, 2].map((index) => (
            <div key={index} aria-hidden="true" className="h-52 animate-pulse rounded-xl border border-slate-200 bg-white" />
          ))}
        </div>
      ) : null}

      {state.status === "failed" ? (
        <div className="space-y-3">
          <AlertMessage message={`${t("home.catalogError")} ${describeError(state.error)}`} />
          <button
            type="button"
            onClick={retry}
            className="inline-flex items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            <RefreshCw aria-hidden="true" className="size-4" />
            {t("common.retry")}
          </button>
        </div>
      ) : null}

      {state.status === "loaded" && state.items.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-slate-600">
          {t("home.catalogEmpty")}
        </p>
      ) : null}

      {state.status === "loaded" && state.items.length > 0 ? (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {state.items.map((tweep) => (
            <li key={tweep.id}>
              <TweepCard tweep={tweep} currency={currency} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
