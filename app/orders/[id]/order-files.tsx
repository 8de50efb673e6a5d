"use client";

import { Download, ExternalLink, FileText } from "lucide-react";
import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { apiRequest } from "../../lib/api-client.ts";
import { formatFileSize, isSafeExternalLink } from "../../lib/order-rules.ts";
import type { OrderDetail } from "../../../contract/orders.ts";
import { useFailureMessage } from "../../lib/use-failure-message.ts";

/** A paid files order's files and links (SPEC 7). Each download asks for a fresh 5-minute link. */
export function OrderFiles({ order }: { order: OrderDetail }) {
  const t = useTranslations("order");
  const locale = useLocale();
  const failureMessage = useFailureMessage();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const files = order.files ?? [];
  const links = order.links ?? [];

  async function download(fileId: string) {
    setError(null);
    setPending(fileId);
    try {
      const { url } = await apiRequest<{ url: string; expiresAt: string }>(`/orders/${order.id}/files/${fileId}/link`);
      // The response is an attachment, so the browser saves it and this page stays open.
      window.location.assign(url);
    } catch (caught) {
      setError(failureMessage(caught));
    } finally {
      setPending(null);
    }
  }

  return (
    <section aria-labelledby="order-files-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="order-files-title" className="text-lg font-semibold text-slate-900">
        {t("filesTitle")}
      </h2>
      {files.length > 0 ? <p className="mt-1 text-sm text-slate-600">{t("filesLead")}</p> : null}
      {files.length === 0 && links.length === 0 ? <p className="mt-1 text-sm text-slate-600">{t("noFiles")}</p> : null}
      {files.length > 0 ? (
        <ul aria-labelledby="order-files-title" className="mt-4 divide-y divide-slate-100 rounded-xl ring-1 ring-slate-200">
          {files.map((file) => (
            <li key={file.id} aria-label={file.fileName} className="flex flex-wrap items-center gap-3 px-4 py-3">
              <FileText aria-hidden="true" className="size-5 shrink-0 text-slate-400" />
              <div className="min-w-0 flex-1">
                <p className="font-medium break-all text-slate-900">{file.fileName}</p>
                <p className="text-xs text-slate-500">{formatFileSize(file.sizeBytes, locale)}</p>
              </div>
              <SubmitButton
                type="button"
                variant="secondary"
                busy={pending === file.id}
                // With several files every button says "Download"; the name says which one.
                aria-label={t("downloadFile", { name: file.fileName })}
                icon={<Download aria-hidden="true" className="size-4" />}
                onClick={() => void download(file.id)}
              >
                {t("download")}
              </SubmitButton>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <div className="mt-4">
          <AlertMessage message={error} />
        </div>
      ) : null}
      {links.length > 0 ? (
        <>
          <h3 className="mt-6 text-sm font-semibold text-slate-900">{t("linksTitle")}</h3>
          <ul className="mt-2 space-y-1.5">
            {links.map((link) => (
              <li key={link} className="flex items-start gap-2 text-sm">
                <ExternalLink aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-slate-400" />
                {isSafeExternalLink(link) ? (
                  <a href={link} target="_blank" rel="noopener noreferrer nofollow" className="break-all text-indigo-700 hover:underline">
                    {link}
                  </a>
                ) : (
                  <span className="break-all text-slate-700">{link}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
