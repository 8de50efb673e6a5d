"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "use-intl";

type Props = {
  page: number;
  pages: number;
  /** The address of another page of the same results. */
  hrefFor: (page: number) => string;
};

const linkClassName =
  "inline-flex min-h-10 items-center gap-1 rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50";
const disabledClassName =
  "inline-flex min-h-10 items-center gap-1 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm font-semibold text-slate-400";

/** "Previous" / "Next" as real links, so each page of results has its own address. */
export function CatalogPagination({ page, pages, hrefFor }: Props) {
  const t = useTranslations("catalog2");
  if (pages <= 1) return null;
  const previous = page > 1 ? Math.min(page - 1, pages) : null;
  const next = page < pages ? page + 1 : null;
  return (
    <nav aria-label={t("pagination")} className="mt-6 flex items-center justify-between gap-3">
      {previous ? (
        <Link href={hrefFor(previous)} rel="prev" scroll={false} className={linkClassName}>
          <ChevronLeft aria-hidden="true" className="size-4" />
          {t("previous")}
        </Link>
      ) : (
        <span aria-disabled="true" className={disabledClassName}>
          <ChevronLeft aria-hidden="true" className="size-4" />
          {t("previous")}
        </span>
      )}
      <p className="text-sm text-slate-600" aria-current="page">
        {t("pageOf", { page, pages })}
      </p>
      {next ? (
        <Link href={hrefFor(next)} rel="next" scroll={false} className={linkClassName}>
          {t("next")}
          <ChevronRight aria-hidden="true" className="size-4" />
        </Link>
      ) : (
        <span aria-disabled="true" className={disabledClassName}>
          {t("next")}
          <ChevronRight aria-hidden="true" className="size-4" />
        </span>
      )}
    </nav>
  );
}
