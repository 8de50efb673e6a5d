"use client";

import { Paperclip, Send } from "lucide-react";
import Link from "next/link";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { LoadingPanel } from "../../components/loading-panel.tsx";
import { PageHeading } from "../../components/page-heading.tsx";
import { useSession } from "../../components/session-provider.tsx";
import { ApiError, apiRequest } from "../../lib/api-client.ts";
import { formatDateTime } from "../../lib/format-date-time.ts";
import type { DirectMessage } from "../../../contract/people.ts";
import { useApiLoad } from "../../lib/use-api-load.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";
import { useViewerTimeZone } from "../../lib/use-order-helpers.ts";

type Loaded = { withUser: { id: string; name: string }; items: DirectMessage[] };

/**
 * SPEC 20: the one conversation with a person. Opening it marks their messages read (they
 * see "Read" under theirs); new messages arrive live; attachments open through a fresh
 * 5-minute link each time.
 */
export function ConversationView({ userId }: { userId: string }) {
  const t = useTranslations("people");
  const locale = useLocale();
  const timeZone = useViewerTimeZone();
  const describeError = useErrorMessage();
  const { session, subscribe } = useSession();
  const me = session.status === "authenticated" ? session.user.id : null;
  const [data, setData] = useState<Loaded | null>(null);
  const [version, setVersion] = useState(0);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const loadError = useApiLoad<Loaded>(`/conversations/${userId}/messages`, setData, version);

  useEffect(() => {
    const offs = [
      // Reading again marks the new message read and tells the other side.
      subscribe("conversation:message", (event) => {
        if (event.withUserId === userId) setVersion((v) => v + 1);
      }),
      subscribe("conversation:read", (event) => {
        if (event.withUserId !== userId) return;
        setData((current) =>
          current ? { ...current, items: current.items.map((m) => (m.authorId !== userId && !m.readAt ? { ...m, readAt: event.readAt } : m)) } : current,
        );
      }),
      subscribe("reconnect", () => setVersion((v) => v + 1)),
    ];
    return () => offs.forEach((off) => off());
  }, [subscribe, userId]);

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const body = String(formData.get("body") ?? "");
    const file = formData.get("file");
    setSending(true);
    setProblem(null);
    try {
      if (file instanceof File && file.size > 0) {
        const upload = new FormData();
        upload.set("body", body);
        upload.set("file", file);
        const response = await fetch(`/api/v1/conversations/${userId}/messages`, { method: "POST", body: upload, credentials: "same-origin" });
        if (!response.ok) {
          const answer = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
          throw new ApiError(response.status, answer?.error?.code ?? "internal", answer?.error?.message ?? "");
        }
      } else {
        await apiRequest(`/conversations/${userId}/messages`, { body: { body } });
      }
      form.current?.reset();
      setVersion((v) => v + 1);
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setSending(false);
    }
  }

  async function open(message: DirectMessage) {
    setProblem(null);
    try {
      const { url } = await apiRequest<{ url: string }>(`/conversations/${userId}/messages/${message.id}/link`, { method: "POST" });
      window.location.assign(url);
    } catch (error) {
      setProblem(describeError(error));
    }
  }

  if (!data) {
    return (
      <>
        <PageHeading title={t("conversationTitle")} />
        {loadError ? <AlertMessage message={describeError(loadError)} /> : <LoadingPanel />}
      </>
    );
  }

  const name = data.withUser.name || t("noName");
  return (
    <>
      <PageHeading title={t("conversationWith", { name })} />
      <p className="-mt-6 mb-6 text-sm">
        <Link href="/messages" className="text-indigo-700 hover:underline">
          {t("allConversations")}
        </Link>
      </p>
      <section aria-label={t("conversationTitle")} className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        {data.items.length === 0 ? <p className="text-sm text-slate-600">{t("conversationEmpty")}</p> : null}
        <ol className="space-y-3">
          {data.items.map((message) => {
            const mine = message.authorId === me;
            return (
              <li key={message.id} className={`flex ${mine ? "justify-end" : "justify-start"}`}>
                <div className={`max-w-[80%] rounded-xl px-3 py-2 text-sm ${mine ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-900"}`}>
                  <span className="sr-only">{mine ? t("you") : name}: </span>
                  {message.body ? <p className="whitespace-pre-wrap break-words">{message.body}</p> : null}
                  {message.attachment ? (
                    <button
                      type="button"
                      onClick={() => void open(message)}
                      className={`mt-1 inline-flex items-center gap-1 underline ${mine ? "text-white" : "text-indigo-700"}`}
                    >
                      <Paperclip aria-hidden="true" className="size-4" />
                      {t("openFile", { name: message.attachment.fileName })}
                    </button>
                  ) : null}
                  <p className={`mt-1 text-xs ${mine ? "text-indigo-100" : "text-slate-500"}`}>
                    {formatDateTime(message.createdAt, locale, timeZone)}
                    {mine ? ` · ${message.readAt ? t("read") : t("delivered")}` : null}
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
        <form ref={form} onSubmit={(event) => void send(event)} className="mt-6 space-y-3 border-t border-slate-100 pt-4">
          <label className="block text-sm font-medium text-slate-700">
            {t("messageLabel")}
            <textarea name="body" rows={3} maxLength={4000} className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm" />
          </label>
          <label className="block text-sm font-medium text-slate-700">
            {t("attachLabel")}
            <input name="file" type="file" accept=".pdf,.zip,.png,.jpg,.jpeg,.mp3,.mp4,.txt,.docx,.xlsx" className="mt-1 block text-sm" />
          </label>
          {problem ? <AlertMessage message={problem} /> : null}
          <button
            type="submit"
            disabled={sending}
            aria-busy={sending || undefined}
            className="inline-flex items-center gap-1.5 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 disabled:opacity-60"
          >
            <Send aria-hidden="true" className="size-4" />
            {t("send")}
          </button>
        </form>
      </section>
    </>
  );
}
