"use client";

import { FolderOpen } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "use-intl";

/** SPEC 16: the way from an order to the documents folder its two parties share. */
export function OrderDocumentsLink({ contactId }: { contactId: string }) {
  const t = useTranslations("documents");
  return (
    <section aria-labelledby="order-documents-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="order-documents-title" className="text-lg font-semibold text-slate-900">
        {t("orderTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("orderLead")}</p>
      <Link
        href={`/documents/${contactId}`}
        className="mt-4 inline-flex min-h-10 items-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
      >
        <FolderOpen aria-hidden="true" className="size-4" />
        {t("open")}
      </Link>
    </section>
  );
}
