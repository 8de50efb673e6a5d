"use client";

import { Download, FileText, Trash2, Upload } from "lucide-react";
import Link from "next/link";
import { type FormEvent, useRef, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { LoadingPanel } from "../../components/loading-panel.tsx";
import { PageHeading } from "../../components/page-heading.tsx";
import { StatusMessage } from "../../components/status-message.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { apiRequest } from "../../lib/api-client.ts";
import { formatDateTime } from "../../lib/format-date-time.ts";
import { formatFileSize } from "../../lib/order-rules.ts";
import type { DocumentFolder, DocumentLink, SharedDocument } from "../../../contract/documents.ts";
import { uploadTweepFile } from "../../lib/upload-tweep-file.ts";
import { useApiLoad } from "../../lib/use-api-load.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";
import { useViewerTimeZone } from "../../lib/use-order-helpers.ts";

const ACCEPT = ".pdf,.zip,.png,.jpg,.jpeg,.mp3,.mp4,.txt,.docx,.xlsx";

/**
 * SPEC 16: the documents folder a provider and a customer share. Either uploads; each
 * download asks for a fresh 5-minute link; a person deletes only what they uploaded.
 */
export function DocumentsFolder({ userId }: { userId: string }) {
  const t = useTranslations("documents");
  const locale = useLocale();
  const timeZone = useViewerTimeZone();
  const describeError = useErrorMessage();
  const [folder, setFolder] = useState<DocumentFolder | null>(null);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<SharedDocument | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const loadError = useApiLoad<DocumentFolder>(`/contacts/${encodeURIComponent(userId)}/documents`, setFolder, version);

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("file");
    setProblem(null);
    setNotice(null);
    if (!(file instanceof File) || file.size === 0) {
      setProblem(t("chooseFile"));
      return;
    }
    setBusy("upload");
    setProgress(0);
    try {
      await uploadTweepFile(`/contacts/${encodeURIComponent(userId)}/documents`, file, setProgress);
      form.current?.reset();
      setNotice(t("uploaded", { name: file.name }));
      setVersion((v) => v + 1);
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(null);
      setProgress(null);
    }
  }

  async function download(document: SharedDocument) {
    setProblem(null);
    setBusy(document.id);
    try {
      const { url } = await apiRequest<DocumentLink>(`/documents/${document.id}/link`);
      // The answer is an attachment: the browser saves it and this page stays open.
      window.location.assign(url);
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(null);
    }
  }

  async function remove(document: SharedDocument) {
    setDeleting(null);
    setProblem(null);
    setNotice(null);
    setBusy(`delete:${document.id}`);
    try {
      await apiRequest(`/documents/${document.id}`, { method: "DELETE" });
      setNotice(t("deleted", { name: document.fileName }));
      setVersion((v) => v + 1);
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(null);
    }
  }

  if (!folder) {
    return (
      <>
        <PageHeading title={t("title")} />
        {loadError ? <AlertMessage message={describeError(loadError)} /> : <LoadingPanel />}
      </>
    );
  }

  const name = folder.contact.name || t("noName");
  return (
    <>
      <PageHeading title={t("titleWith", { name })} lead={t("lead")} />
      <p className="-mt-6 mb-6 flex flex-wrap gap-4 text-sm">
        <Link href="/orders" className="text-indigo-700 hover:underline">
          {t("toOrders")}
        </Link>
        <Link href={`/messages/${folder.contact.id}`} className="text-indigo-700 hover:underline">
          {t("toChat")}
        </Link>
      </p>
      <section aria-labelledby="documents-title" className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 id="documents-title" className="text-lg font-semibold text-slate-900">
          {t("listTitle")}
        </h2>
        {folder.items.length === 0 ? <p className="mt-1 text-sm text-slate-600">{t("empty")}</p> : null}
        {folder.items.length > 0 ? (
          <ul aria-labelledby="documents-title" className="mt-4 divide-y divide-slate-100 rounded-xl ring-1 ring-slate-200">
            {folder.items.map((document) => (
              <li key={document.id} aria-label={document.fileName} className="flex flex-wrap items-center gap-3 px-4 py-3">
                <FileText aria-hidden="true" className={`size-5 shrink-0 ${document.uploadedByMe ? "text-slate-400" : "text-violet-600"}`} />
                <div className="min-w-0 flex-1">
                  <p className="font-medium break-all text-slate-900">{document.fileName}</p>
                  <p className="text-xs text-slate-500">
                    {document.uploadedByMe ? t("byYou") : t("byThem", { name })} · {formatFileSize(document.sizeBytes, locale)} ·{" "}
                    {formatDateTime(document.createdAt, locale, timeZone)}
                  </p>
                </div>
                <SubmitButton
                  type="button"
                  variant="secondary"
                  busy={busy === document.id}
                  aria-label={t("downloadName", { name: document.fileName })}
                  icon={<Download aria-hidden="true" className="size-4" />}
                  onClick={() => void download(document)}
                >
                  {t("download")}
                </SubmitButton>
                {document.uploadedByMe ? (
                  <SubmitButton
                    type="button"
                    variant="secondary"
                    busy={busy === `delete:${document.id}`}
                    aria-label={t("deleteName", { name: document.fileName })}
                    icon={<Trash2 aria-hidden="true" className="size-4" />}
                    onClick={() => setDeleting(document)}
                  >
                    {t("delete")}
                  </SubmitButton>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        <p className="mt-3 text-xs text-slate-500">{t("linkNote")}</p>
        <form ref={form} onSubmit={(event) => void upload(event)} className="mt-6 space-y-3 border-t border-slate-100 pt-4">
          <label className="block text-sm font-medium text-slate-700">
            {t("fileLabel")}
            <input name="file" type="file" accept={ACCEPT} className="mt-1 block text-sm" />
          </label>
          <p className="text-xs text-slate-500">{t("rules")}</p>
          {progress !== null ? (
            <progress value={progress} max={1} aria-label={t("uploading")} className="h-2 w-full" />
          ) : null}
          {problem ? <AlertMessage message={problem} /> : null}
          {notice ? <StatusMessage>{notice}</StatusMessage> : null}
          <SubmitButton busy={busy === "upload"} icon={<Upload aria-hidden="true" className="size-4" />}>
            {t("upload")}
          </SubmitButton>
        </form>
      </section>
      <ConfirmDialog
        open={deleting !== null}
        title={t("confirmDeleteTitle")}
        text={t("confirmDelete", { name: deleting?.fileName ?? "" })}
        confirmLabel={t("delete")}
        cancelLabel={t("keep")}
        onConfirm={() => deleting && void remove(deleting)}
        onCancel={() => setDeleting(null)}
      />
    </>
  );
}
