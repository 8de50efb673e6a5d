"use client";

import { FileText, ImageUp, Trash2, Upload } from "lucide-react";
import { useId, useState } from "react";
import type { ChangeEvent } from "react";
import { useLocale, useTranslations } from "use-intl";
import type { TweepType } from "../../contract/common.ts";
import type { TweepFile, TweepPage as OwnTweepPage } from "../../contract/tweeps.ts";
import { apiRequest } from "../lib/api-client.ts";
import { uploadTweepFile } from "../lib/upload-tweep-file.ts";
import { useFailureMessage } from "../lib/use-failure-message.ts";
import { AlertMessage } from "./alert-message.tsx";
import { StatusMessage } from "./status-message.tsx";

const MB = 1024 * 1024;
const MAX_FILES = 3;
const MAX_FILE_MB = 20;
const MAX_COVER_MB = 5;
const fileExtensions = [".pdf", ".zip", ".png", ".jpg", ".jpeg", ".mp3", ".mp4", ".txt", ".docx", ".xlsx"];
const coverExtensions = [".png", ".jpg", ".jpeg", ".webp"];

const hasExtension = (name: string, extensions: string[]) => extensions.some((extension) => name.toLowerCase().endsWith(extension));

function formatSize(bytes: number, locale: string): string {
  const format = (value: number, unit: "kilobyte" | "megabyte") =>
    new Intl.NumberFormat(locale, { style: "unit", unit, maximumFractionDigits: 1 }).format(value);
  return bytes >= MB ? format(bytes / MB, "megabyte") : format(Math.max(bytes / 1024, 0.1), "kilobyte");
}

const pickerClassName =
  "inline-flex min-h-10 cursor-pointer items-center justify-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50 has-[:disabled]:cursor-not-allowed has-[:disabled]:text-slate-400 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600";

type Busy = { kind: "cover" | "file"; name: string; fraction: number } | { kind: "remove"; id: string } | null;

type Props = {
  tweep: OwnTweepPage | null;
  type: TweepType;
  editable: boolean;
  onChange: (tweep: OwnTweepPage) => void;
};

/** The cover and, for files tweeps, the deliverables: possible only after the first save (SPEC 2). */
export function TweepEditorUploads({ tweep, type, editable, onChange }: Props) {
  const t = useTranslations("myTweeps");
  const failureMessage = useFailureMessage();
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [coverVersion, setCoverVersion] = useState(0);
  const coverTitleId = useId();
  const filesTitleId = useId();

  const files = (tweep?.files ?? []).filter((file) => file.kind === "deliverable");
  const locale = useLocale();

  function fail(caught: unknown) {
    setError(failureMessage(caught));
    setBusy(null);
  }

  async function upload(kind: "cover" | "file", event: ChangeEvent<HTMLInputElement>) {
    const input = event.target;
    const file = input.files?.[0];
    input.value = "";
    if (!file || !tweep) return;
    setError(null);
    setNotice(null);
    const maxMb = kind === "cover" ? MAX_COVER_MB : MAX_FILE_MB;
    if (!hasExtension(file.name, kind === "cover" ? coverExtensions : fileExtensions)) {
      setError(t("wrongType", { name: file.name }));
      return;
    }
    if (file.size > maxMb * MB) {
      setError(t("tooLarge", { name: file.name, size: maxMb }));
      return;
    }
    setBusy({ kind, name: file.name, fraction: 0 });
    try {
      const onProgress = (fraction: number) => setBusy({ kind, name: file.name, fraction });
      const { file: stored } = await uploadTweepFile<{ file: TweepFile }>(
        `/tweeps/${encodeURIComponent(tweep.id)}/${kind === "cover" ? "cover" : "files"}`,
        file,
        onProgress,
      );
      if (kind === "cover") {
        onChange({ ...tweep, hasCover: true });
        setCoverVersion((version) => version + 1);
        setNotice(t("coverUploaded"));
      } else {
        onChange({ ...tweep, files: [...(tweep.files ?? []), stored] });
        setNotice(t("fileUploaded", { name: stored.fileName }));
      }
      setBusy(null);
    } catch (caught) {
      fail(caught);
    }
  }

  async function remove(file: TweepFile) {
    if (!tweep) return;
    setError(null);
    setNotice(null);
    setBusy({ kind: "remove", id: file.id });
    try {
      await apiRequest(`/tweeps/${encodeURIComponent(tweep.id)}/files/${encodeURIComponent(file.id)}`, { method: "DELETE" });
      onChange({ ...tweep, files: (tweep.files ?? []).filter((kept) => kept.id !== file.id) });
      setNotice(t("removed", { name: file.fileName }));
      setBusy(null);
    } catch (caught) {
      fail(caught);
    }
  }

  const progress =
    busy && busy.kind !== "remove" ? (
      <div className="space-y-1" aria-live="polite">
        <p className="text-xs break-all text-slate-600">{t("uploading", { name: busy.name, percent: Math.round(busy.fraction * 100) })}</p>
        <progress
          max={1}
          value={busy.fraction}
          aria-label={busy.name}
          className="h-2 w-full overflow-hidden rounded-full [&::-moz-progress-bar]:bg-indigo-600 [&::-webkit-progress-bar]:bg-slate-100 [&::-webkit-progress-value]:bg-indigo-600"
        />
      </div>
    ) : null;

  const disabled = !editable || busy !== null;

  return (
    <div className="space-y-6">
      <section aria-labelledby={coverTitleId} className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 id={coverTitleId} className="text-lg font-semibold text-slate-900">
          {t("coverTitle")}
        </h2>
        {tweep ? (
          <>
            <p className="mt-1 text-sm text-slate-600">{t("coverLead")}</p>
            <div className="mt-4 overflow-hidden rounded-lg border border-slate-200 bg-slate-50">
              {tweep.hasCover ? (
                // The cover is served by the API with the owner's session; next/image would not pass it.
                <img
                  src={`/api/v1/tweeps/${encodeURIComponent(tweep.id)}/cover?v=${coverVersion}`}
                  alt={t("coverAlt")}
                  className="aspect-video w-full object-cover"
                />
              ) : (
                <p className="grid aspect-video place-items-center text-sm text-slate-500">{t("noCover")}</p>
              )}
            </div>
            <label className={`${pickerClassName} mt-4 w-full`}>
              <ImageUp aria-hidden="true" className="size-4" />
              {t("chooseCover")}
              <input
                type="file"
                accept="image/png,image/jpeg,image/webp,.png,.jpg,.jpeg,.webp"
                disabled={disabled}
                aria-busy={busy?.kind === "cover" || undefined}
                onChange={(event) => void upload("cover", event)}
                className="sr-only"
              />
            </label>
            {busy?.kind === "cover" ? <div className="mt-3">{progress}</div> : null}
          </>
        ) : (
          <p className="mt-1 text-sm text-slate-600">{t("coverAfterSave")}</p>
        )}
      </section>

      {type === "files" ? (
        <section aria-labelledby={filesTitleId} className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
          <h2 id={filesTitleId} className="text-lg font-semibold text-slate-900">
            {t("filesTitle")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("filesLead")}</p>
          {tweep ? (
            <>
              {files.length === 0 ? (
                <p className="mt-4 text-sm text-slate-500">{t("noFiles")}</p>
              ) : (
                <ul className="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200">
                  {files.map((file) => (
                    <li key={file.id} className="flex items-center gap-3 px-3 py-2.5">
                      <FileText aria-hidden="true" className="size-4 shrink-0 text-slate-400" />
                      <div className="min-w-0 flex-1">
                        <p className="truncate text-sm font-medium text-slate-900" title={file.fileName}>
                          {file.fileName}
                        </p>
                        <p className="text-xs text-slate-500">{formatSize(file.sizeBytes, locale)}</p>
                      </div>
                      <button
                        type="button"
                        onClick={() => void remove(file)}
                        disabled={disabled}
                        aria-busy={(busy?.kind === "remove" && busy.id === file.id) || undefined}
                        aria-label={`${t("remove")}: ${file.fileName}`}
                        className="inline-flex min-h-10 shrink-0 items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:text-slate-400"
                      >
                        <Trash2 aria-hidden="true" className="size-4" />
                        {t("remove")}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              {files.length >= MAX_FILES ? (
                <p className="mt-3 text-sm text-slate-600">{t("filesFull")}</p>
              ) : (
                <label className={`${pickerClassName} mt-4 w-full`}>
                  <Upload aria-hidden="true" className="size-4" />
                  {t("chooseFile")}
                  <input
                    type="file"
                    accept={fileExtensions.join(",")}
                    disabled={disabled}
                    aria-busy={busy?.kind === "file" || undefined}
                    onChange={(event) => void upload("file", event)}
                    className="sr-only"
                  />
                </label>
              )}
              {busy?.kind === "file" ? <div className="mt-3">{progress}</div> : null}
            </>
          ) : (
            <p className="mt-3 text-sm text-slate-600">{t("filesAfterSave")}</p>
          )}
        </section>
      ) : null}

      {error ? <AlertMessage message={error} /> : null}
      {notice ? <StatusMessage>{notice}</StatusMessage> : null}
    </div>
  );
}
