"use client";

import { Mail, MessageSquareText, RefreshCw } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { LoadingPanel } from "../../components/loading-panel.tsx";
import { PageHeading } from "../../components/page-heading.tsx";
import { useSession } from "../../components/session-provider.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { ApiError, apiRequest, isAbortError } from "../../lib/api-client.ts";
import type { OutboxMessage } from "../../../contract/config.ts";
import { formatDateTime } from "../../lib/format-date-time.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";

type OutboxState =
  | { status: "loading" }
  | { status: "loaded"; messages: OutboxMessage[] }
  | { status: "unavailable" }
  | { status: "failed"; error: unknown };

function newestFirst(a: OutboxMessage, b: OutboxMessage): number {
  return b.createdAt.localeCompare(a.createdAt);
}

export function OutboxList() {
  const t = useTranslations("outbox");
  const locale = useLocale();
  const describeError = useErrorMessage();
  const { session } = useSession();
  const [state, setState] = useState<OutboxState>({ status: "loading" });
  const [refreshing, setRefreshing] = useState(false);
  const [version, setVersion] = useState(0);

  const refresh = useCallback(() => {
    setRefreshing(true);
    setVersion((value) => value + 1);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    apiRequest<{ messages: OutboxMessage[] }>("/dev/outbox", { signal: controller.signal })
      .then(({ messages }) => setState({ status: "loaded", messages: [...messages].sort(newestFirst) }))
      .catch((error: unknown) => {
        if (isAbortError(error)) return;
        if (error instanceof ApiError && error.status === 404) setState({ status: "unavailable" });
        else setState({ status: "failed", error });
      })
      .finally(() => {
        if (!controller.signal.aborted) setRefreshing(false);
      });
    return () => controller.abort();
  }, [version]);

  const timeZone = session.status === "authenticated" ? session.user.timeZone : null;

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeading title={t("title")} lead={t("lead")} />
        {state.status !== "unavailable" ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              refresh();
            }}
          >
            <SubmitButton busy={refreshing} variant="secondary" icon={<RefreshCw aria-hidden="true" className="size-4" />}>
              {t("refresh")}
            </SubmitButton>
          </form>
        ) : null}
      </div>

      {state.status === "loading" ? <LoadingPanel /> : null}
      {state.status === "unavailable" ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-slate-600">
          {t("unavailable")}
        </p>
      ) : null}
      {state.status === "failed" ? <AlertMessage message={`${t("loadError")} ${describeError(state.error)}`} /> : null}
      {state.status === "loaded" && state.messages.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-slate-600">
          {t("empty")}
        </p>
      ) : null}
      {state.status === "loaded" && state.messages.length > 0 ? (
        <ol className="space-y-4">
          {state.messages.map((message) => {
            const Icon = message.channel === "sms" ? MessageSquareText : Mail;
            const channel = t(`channels.${message.channel}`);
            const headingId = `outbox-${message.id}`;
            return (
              <li key={message.id}>
                <article
                  aria-labelledby={headingId}
                  className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
                >
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <h2 id={headingId} className="flex items-center gap-2 font-semibold text-slate-900">
                      <Icon aria-hidden="true" className="size-4 text-indigo-600" />
                      {t("itemLabel", { channel, to: message.to })}
                    </h2>
                    <time dateTime={message.createdAt} className="text-sm text-slate-500">
                      {formatDateTime(message.createdAt, locale, timeZone)}
                    </time>
                  </div>
                  {message.subject ? <p className="mt-2 font-medium text-slate-800">{message.subject}</p> : null}
                  <pre className="mt-2 font-sans text-sm whitespace-pre-wrap break-words text-slate-700">
                    {message.body}
                  </pre>
                </article>
              </li>
            );
          })}
        </ol>
      ) : null}
    </>
  );
}
