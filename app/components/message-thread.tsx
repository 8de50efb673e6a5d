"use client";

import { Send } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { useLocale, useTranslations } from "use-intl";
import { formatDateTime } from "../lib/format-date-time.ts";
import { AlertMessage } from "./alert-message.tsx";
import { SubmitButton } from "./submit-button.tsx";
import { TextAreaField } from "./text-area-field.tsx";

type ThreadMessage = { id: string; authorId: string; body: string; createdAt: string };

type Props = {
  messages: readonly ThreadMessage[];
  viewerId: string;
  timeZone: string | null;
  /** Who wrote a message, in words: "Provider", "Moderator"… ("You" is said here). */
  describeAuthor: (authorId: string) => string;
  /** Sends the text; throws a sentence-ready error message on failure. */
  onSend: (body: string) => Promise<void>;
  labelledBy: string;
  /** Called as the person types (the live chat tells the other side). */
  onTyping?: () => void;
  /** Shown between the conversation and the form, such as "Vera is typing…". */
  notice?: ReactNode;
};

/** A conversation, oldest first with the newest at the bottom, and the form to add to it. */
export function MessageThread({ messages, viewerId, timeZone, describeAuthor, onSend, labelledBy, onTyping, notice }: Props) {
  const t = useTranslations("thread");
  const locale = useLocale();
  const [draft, setDraft] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  // Keeps the newest message in view as messages arrive, live or sent from here.
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [messages.length]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = draft.trim();
    if (!body) {
      setError(t("empty_body"));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await onSend(body);
      setDraft("");
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      {messages.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <ol
          ref={listRef}
          aria-label={t("list")}
          className="max-h-[28rem] space-y-3 overflow-y-auto rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200 sm:p-4"
        >
          {messages.map((message) => {
            const own = message.authorId === viewerId;
            return (
              <li key={message.id} className={`flex ${own ? "justify-end" : "justify-start"}`}>
                <div
                  className={`max-w-[85%] rounded-2xl px-3.5 py-2 text-sm shadow-sm ${
                    own ? "rounded-br-sm bg-indigo-600 text-white" : "rounded-bl-sm bg-white text-slate-900 ring-1 ring-slate-200"
                  }`}
                >
                  <p className={`text-xs font-medium ${own ? "text-indigo-100" : "text-slate-500"}`}>
                    {own ? t("you") : describeAuthor(message.authorId)} ·{" "}
                    <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, locale, timeZone)}</time>
                  </p>
                  <p className="mt-0.5 break-words whitespace-pre-wrap">{message.body}</p>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {notice}
      <form onSubmit={submit} noValidate aria-labelledby={labelledBy} className="mt-4 space-y-3">
        <TextAreaField
          label={t("message")}
          name="message"
          maxLength={4000}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            onTyping?.();
          }}
          onKeyDown={(event) => {
            // Ctrl/Cmd+Enter sends; a plain Enter is a new line.
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) event.currentTarget.form?.requestSubmit();
          }}
        />
        {error ? <AlertMessage message={error} /> : null}
        <SubmitButton busy={busy} icon={<Send aria-hidden="true" className="size-4" />}>
          {t("send")}
        </SubmitButton>
      </form>
    </div>
  );
}
