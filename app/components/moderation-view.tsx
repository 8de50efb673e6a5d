"use client";

import { ShieldAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useState } from "react";
import { useTranslations } from "use-intl";
import type { Dispute } from "../../contract/orders.ts";
import type { ModerationQueueItem } from "../../contract/tweeps.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { AlertMessage } from "./alert-message.tsx";
import { LoadingPanel } from "./loading-panel.tsx";
import { ModerationDisputeCard } from "./moderation-dispute-card.tsx";
import { ModerationQueueCard } from "./moderation-queue-card.tsx";
import { ModerationPackages } from "./moderation-packages.tsx";
import { PageHeading } from "./page-heading.tsx";
import { StatusMessage } from "./status-message.tsx";
import { useSession } from "./session-provider.tsx";
import { useApiLoad } from "../lib/use-api-load.ts";

type Tab = "tweeps" | "disputes";

/** The moderators' page (SPEC 10): the queue of tweeps and edits, and the open disputes. */
export function ModerationView() {
  const t = useTranslations("moderation");
  const router = useRouter();
  const describeError = useErrorMessage();
  const { session } = useSession();
  const [tab, setTab] = useState<Tab>("tweeps");
  const [queue, setQueue] = useState<ModerationQueueItem[] | null>(null);
  const [disputes, setDisputes] = useState<Dispute[] | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const tabsId = useId();

  const isModerator = session.status === "authenticated" && session.user.roles.includes("moderator");

  useEffect(() => {
    if (session.status === "anonymous") router.replace(`/login?next=${encodeURIComponent("/moderation")}`);
  }, [session.status, router]);

  const queueError = useApiLoad<{ items: ModerationQueueItem[] }>(isModerator ? "/moderation/tweeps" : null, (loaded) =>
    setQueue(loaded.items),
  );
  const disputesError = useApiLoad<{ items: Dispute[] }>(isModerator ? "/moderation/disputes?status=open" : null, (loaded) =>
    setDisputes(loaded.items.filter((dispute) => dispute.status === "open")),
  );
  const loadError = queueError ?? disputesError;

  const onDecided = useCallback((tweepId: string, message: string) => {
    setQueue((current) => current?.filter((item) => item.tweepId !== tweepId) ?? null);
    setDone(message);
  }, []);

  const onResolved = useCallback((disputeId: string, message: string) => {
    setDisputes((current) => current?.filter((dispute) => dispute.id !== disputeId) ?? null);
    setDone(message);
  }, []);

  const heading = <PageHeading title={t("title")} lead={t("lead")} />;

  if (session.status !== "authenticated") {
    return (
      <>
        {heading}
        <LoadingPanel />
      </>
    );
  }

  if (!isModerator) {
    return (
      <>
        {heading}
        <div className="flex items-start gap-3 rounded-2xl border border-slate-200 bg-white px-6 py-8 shadow-sm">
          <ShieldAlert aria-hidden="true" className="size-6 shrink-0 text-slate-400" />
          <p className="text-slate-700">{t("onlyModerators")}</p>
        </div>
      </>
    );
  }

  if (!queue || !disputes) {
    return (
      <>
        {heading}
        {loadError ? <AlertMessage message={`${t("loadError")} ${describeError(loadError)}`} /> : <LoadingPanel />}
      </>
    );
  }

  const tabClassName = (active: boolean) =>
    `-mb-px inline-flex min-h-10 items-center border-b-2 px-3 py-2 text-sm font-semibold ${
      active ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
    }`;

  return (
    <>
      {heading}
      <div role="tablist" aria-label={t("tabs")} className="mb-6 flex gap-2 border-b border-slate-200">
        {(["tweeps", "disputes"] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`${tabsId}-${name}`}
            aria-selected={tab === name}
            aria-controls={`${tabsId}-${name}-panel`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
            onKeyDown={(event) => {
              if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
                const next = name === "tweeps" ? "disputes" : "tweeps";
                setTab(next);
                document.getElementById(`${tabsId}-${next}`)?.focus();
              }
            }}
            className={tabClassName(tab === name)}
          >
            {name === "tweeps" ? t("tweepsTab", { count: queue.length }) : t("disputesTab", { count: disputes.length })}
          </button>
        ))}
      </div>

      {done ? (
        <div className="mb-6">
          <StatusMessage>{done}</StatusMessage>
        </div>
      ) : null}

      <div role="tabpanel" id={`${tabsId}-${tab}-panel`} aria-labelledby={`${tabsId}-${tab}`}>
        {tab === "tweeps" ? (
          queue.length === 0 ? (
            <p className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-slate-600">{t("queueEmpty")}</p>
          ) : (
            <ul className="space-y-6">
              {queue.map((item) => (
                <li key={`${item.tweepId}:${item.revisionId ?? "submission"}`}>
                  <ModerationQueueCard item={item} onDecided={onDecided} />
                </li>
              ))}
            </ul>
          )
        ) : disputes.length === 0 ? (
          <p className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-slate-600">{t("disputesEmpty")}</p>
        ) : (
          <ul className="space-y-6">
            {disputes.map((dispute) => (
              <li key={dispute.id}>
                <ModerationDisputeCard dispute={dispute} onResolved={onResolved} />
              </li>
            ))}
          </ul>
        )}
      </div>
      {tab === "tweeps" ? <ModerationPackages /> : null}
    </>
  );
}
