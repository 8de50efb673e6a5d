"use client";

import { MessagesSquare } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { EmptyState } from "../components/empty-state.tsx";
import { LoadingPanel } from "../components/loading-panel.tsx";
import { PageHeading } from "../components/page-heading.tsx";
import { useSession } from "../components/session-provider.tsx";
import { formatDateTime } from "../lib/format-date-time.ts";
import type { DirectMessage } from "../../contract/people.ts";
import { useApiLoad } from "../lib/use-api-load.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { useViewerTimeZone } from "../lib/use-order-helpers.ts";

type Conversation = { withUser: { id: string; name: string }; lastMessage: DirectMessage | null; unreadCount: number; lastMessageAt: string | null };

/** SPEC 20: the person's conversations, latest first, with unread counts kept live. */
export function ConversationsList() {
  const t = useTranslations("people");
  const locale = useLocale();
  const timeZone = useViewerTimeZone();
  const describeError = useErrorMessage();
  const { subscribe } = useSession();
  const [items, setItems] = useState<Conversation[] | null>(null);
  const [version, setVersion] = useState(0);
  const loadError = useApiLoad<{ items: Conversation[] }>("/conversations", (loaded) => setItems(loaded.items), version);

  useEffect(() => {
    const offs = [subscribe("conversation:message", () => setVersion((v) => v + 1)), subscribe("reconnect", () => setVersion((v) => v + 1))];
    return () => offs.forEach((off) => off());
  }, [subscribe]);

  const heading = <PageHeading title={t("messagesTitle")} lead={t("messagesLead")} />;
  if (!items) {
    return (
      <>
        {heading}
        {loadError ? <AlertMessage message={describeError(loadError)} /> : <LoadingPanel />}
      </>
    );
  }
  if (items.length === 0) {
    return (
      <>
        {heading}
        <EmptyState icon={MessagesSquare} message={t("messagesEmpty")} />
      </>
    );
  }
  return (
    <>
      {heading}
      <ul className="divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white shadow-sm">
        {items.map((item) => (
          <li key={item.withUser.id} className="relative px-4 py-4 hover:bg-slate-50 sm:px-6">
            <div className="flex items-center gap-3">
              <div className="min-w-0 flex-1">
                <Link href={`/messages/${item.withUser.id}`} className="font-semibold text-slate-900 after:absolute after:inset-0 hover:text-indigo-700">
                  {item.withUser.name || t("noName")}
                </Link>
                {item.lastMessage ? (
                  <p className="mt-1 truncate text-sm text-slate-600">{item.lastMessage.body || item.lastMessage.attachment?.fileName}</p>
                ) : null}
                {item.lastMessageAt ? <p className="mt-1 text-xs text-slate-500">{formatDateTime(item.lastMessageAt, locale, timeZone)}</p> : null}
              </div>
              {item.unreadCount > 0 ? (
                <span className="rounded-full bg-indigo-600 px-2 py-0.5 text-xs font-semibold text-white">{t("unreadCount", { count: item.unreadCount })}</span>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
