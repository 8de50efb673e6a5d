"use client";

import { type FormEvent, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { apiRequest } from "../lib/api-client.ts";
import { formatDateTime } from "../lib/format-date-time.ts";
import { useApiLoad } from "../lib/use-api-load.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { useViewerTimeZone } from "../lib/use-order-helpers.ts";
import { AlertMessage } from "./alert-message.tsx";
import { FormField } from "./form-field.tsx";
import { useSession } from "./session-provider.tsx";

type Ticket = { id: string; userId: string; subject: string; status: "open" | "closed"; createdAt: string; updatedAt: string };
type SupportMessage = { id: string; authorId: string; fromSupport: boolean; body: string; createdAt: string };

const buttonClass = "rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-700 disabled:opacity-60";
const textAreaClass = "mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm";

/**
 * SPEC 20 "Support": a person's tickets in "Disputes and complaints" with the form to open
 * one; the same list for moderators on the moderation page (`moderation`), open ones first.
 */
export function SupportTickets({ mode }: { mode: "mine" | "moderation" }) {
  const t = useTranslations("support");
  const { session } = useSession();
  const describeError = useErrorMessage();
  const isModerator = session.status === "authenticated" && session.user.roles.includes("moderator");
  const [tickets, setTickets] = useState<Ticket[] | null>(null);
  const [version, setVersion] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const path = mode === "mine" ? "/support/tickets" : isModerator ? "/moderation/support-tickets" : null;
  const loadError = useApiLoad<{ items: Ticket[] }>(path, (loaded) => setTickets(loaded.items), version);
  if (mode === "moderation" && !isModerator) return null;

  async function open(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const data = new FormData(target);
    setProblem(null);
    try {
      await apiRequest("/support/tickets", { body: { subject: String(data.get("subject") ?? ""), body: String(data.get("body") ?? "") } });
      target.reset();
      setStatus(t("opened"));
      setVersion((v) => v + 1);
    } catch (error) {
      setProblem(describeError(error));
    }
  }

  return (
    <section id="support" aria-labelledby={`support-heading-${mode}`} className="mt-10 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id={`support-heading-${mode}`} className="text-lg font-semibold text-slate-900">
        {mode === "mine" ? t("title") : t("queueTitle")}
      </h2>
      {mode === "mine" ? (
        <>
          <p className="mt-1 text-sm text-slate-600">{t("lead")}</p>
          <form onSubmit={(event) => void open(event)} className="mt-4 space-y-3">
            <FormField label={t("subject")} name="subject" required maxLength={200} />
            <label className="block text-sm font-medium text-slate-700">
              {t("message")}
              <textarea name="body" required maxLength={4000} rows={3} className={textAreaClass} />
            </label>
            <button type="submit" className={buttonClass}>
              {t("open")}
            </button>
            {status ? <p role="status" className="text-sm text-emerald-700">{status}</p> : null}
            {problem ? <AlertMessage message={problem} /> : null}
          </form>
        </>
      ) : null}
      {loadError ? <AlertMessage message={describeError(loadError)} /> : null}
      {tickets && tickets.length === 0 ? <p className="mt-4 text-sm text-slate-600">{mode === "mine" ? t("empty") : t("queueEmpty")}</p> : null}
      <ul className="mt-4 space-y-3">
        {tickets?.map((ticket) => <TicketItem key={ticket.id} ticket={ticket} onChanged={() => setVersion((v) => v + 1)} />)}
      </ul>
    </section>
  );
}

function TicketItem({ ticket, onChanged }: { ticket: Ticket; onChanged: () => void }) {
  const t = useTranslations("support");
  const locale = useLocale();
  const timeZone = useViewerTimeZone();
  const describeError = useErrorMessage();
  const { session } = useSession();
  const me = session.status === "authenticated" ? session.user.id : null;
  const [expanded, setExpanded] = useState(false);
  const [messages, setMessages] = useState<SupportMessage[]>([]);
  const [version, setVersion] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  useApiLoad<{ items: SupportMessage[] }>(expanded ? `/support/tickets/${ticket.id}/messages` : null, (loaded) => setMessages(loaded.items), version);

  async function act(path: string, body?: object) {
    setProblem(null);
    try {
      await apiRequest(path, { method: "POST", body });
      setVersion((v) => v + 1);
      onChanged();
      return true;
    } catch (error) {
      setProblem(describeError(error));
      return false;
    }
  }

  return (
    <li id={`support-${ticket.id}`} className="rounded-lg border border-slate-200 p-3">
      <button type="button" aria-expanded={expanded} onClick={() => setExpanded((v) => !v)} className="w-full text-left">
        <span className="font-medium text-slate-900">{ticket.subject}</span>
        <span className="ml-2 text-xs text-slate-500">
          {formatDateTime(ticket.createdAt, locale, timeZone)}
          {ticket.status === "closed" ? ` · ${t("closed")}` : ""}
        </span>
      </button>
      {expanded ? (
        <div className="mt-3 space-y-2">
          <ol className="space-y-2 text-sm">
            {messages.map((message) => (
              <li key={message.id} className="rounded-md bg-slate-50 px-3 py-2">
                <span className="font-medium">{message.authorId === me ? t("fromYou") : message.fromSupport ? t("fromSupport") : t("fromUser")}: </span>
                <span className="whitespace-pre-wrap break-words">{message.body}</span>
              </li>
            ))}
          </ol>
          {ticket.status === "open" ? (
            <form
              className="space-y-2"
              onSubmit={(event) => {
                event.preventDefault();
                const target = event.currentTarget;
                const body = String(new FormData(target).get("body") ?? "");
                void act(`/support/tickets/${ticket.id}/messages`, { body }).then((ok) => ok && target.reset());
              }}
            >
              <label className="block text-sm font-medium text-slate-700">
                {t("reply")}
                <textarea name="body" required maxLength={4000} rows={2} className={textAreaClass} />
              </label>
              <div className="flex gap-2">
                <button type="submit" className={buttonClass}>
                  {t("send")}
                </button>
                <button type="button" onClick={() => void act(`/support/tickets/${ticket.id}/close`)} className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
                  {t("close")}
                </button>
              </div>
            </form>
          ) : null}
          {problem ? <AlertMessage message={problem} /> : null}
        </div>
      ) : null}
    </li>
  );
}
