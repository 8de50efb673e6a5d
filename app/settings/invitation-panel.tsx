"use client";

import { Copy } from "lucide-react";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { useApiLoad } from "../lib/use-api-load.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";

/** SPEC 20: the provider's personal invitation link and its QR code, to give to their own clients. */
export function InvitationPanel() {
  const t = useTranslations("people");
  const describeError = useErrorMessage();
  const [invitation, setInvitation] = useState<{ url: string; code: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const loadError = useApiLoad<{ url: string; code: string }>("/me/invitation", setInvitation);

  async function copy() {
    if (!invitation) return;
    try {
      await navigator.clipboard.writeText(invitation.url);
      setCopied(true);
    } catch {
      // Without clipboard access the link stays selectable on the page.
      setCopied(false);
    }
  }

  return (
    <section aria-labelledby="invitation-heading" className="mt-10 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="invitation-heading" className="text-lg font-semibold text-slate-900">
        {t("invitationPanelTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("invitationPanelLead")}</p>
      {loadError ? <AlertMessage message={describeError(loadError)} /> : null}
      {invitation ? (
        <div className="mt-4 flex flex-wrap items-start gap-6">
          <div className="min-w-0 flex-1 space-y-2">
            <label className="block text-sm font-medium text-slate-700">
              {t("invitationLink")}
              <input readOnly value={invitation.url} className="mt-1 block w-full rounded-lg border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm" />
            </label>
            <button
              type="button"
              onClick={() => void copy()}
              className="inline-flex items-center gap-1.5 rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-700"
            >
              <Copy aria-hidden="true" className="size-4" />
              {t("copyLink")}
            </button>
            <p role="status" className="text-sm text-emerald-700">
              {copied ? t("copied") : ""}
            </p>
          </div>
          {/* The QR code is an SVG from our own API, private to the user. */}
          <img src="/api/v1/me/invitation/qr.svg" alt={t("qrAlt")} width={160} height={160} className="rounded-lg border border-slate-200" />
        </div>
      ) : null}
    </section>
  );
}
