"use client";

import { Bell } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { apiRequest } from "../lib/api-client.ts";
import { formatDateTime } from "../lib/format-date-time.ts";
import type { NotificationItem } from "../../contract/people.ts";
import { useSession } from "./session-provider.tsx";

type NotificationList = { items: NotificationItem[]; unreadCount: number };

/**
 * SPEC 20: the bell with the unread count. The list is what the server stored, so nothing
 * said while the page was closed is lost; new ones arrive on the live connection. Opening
 * one marks it read; urgent ones pop up as browser notifications where the person allowed it.
 */
export function NotificationBell() {
  const t = useTranslations("notifications");
  const locale = useLocale();
  const { session, subscribe } = useSession();
  const [list, setList] = useState<NotificationList>({ items: [], unreadCount: 0 });
  const [open, setOpen] = useState(false);
  // Read once on the client; the panel that shows it is never rendered on the server.
  const [permission, setPermission] = useState<NotificationPermission | "unsupported">(() =>
    typeof window !== "undefined" && "Notification" in window ? window.Notification.permission : "unsupported",
  );
  const panel = useRef<HTMLDivElement>(null);
  const userId = session.status === "authenticated" ? session.user.id : null;
  const timeZone = session.status === "authenticated" ? session.user.timeZone : null;

  const reload = useCallback(() => {
    apiRequest<NotificationList>("/notifications?limit=30")
      .then(setList)
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!userId) return;
    reload();
    const offs = [
      subscribe("notification:new", ({ notification, unreadCount }) => {
        setList((current) => ({ items: [notification, ...current.items.filter((item) => item.id !== notification.id)].slice(0, 30), unreadCount }));
        if (notification.urgent && "Notification" in window && window.Notification.permission === "granted" && document.visibilityState !== "visible") {
          const popup = new window.Notification(notification.title, { body: notification.body, tag: notification.id });
          popup.onclick = () => {
            window.focus();
            window.location.assign(notification.link);
          };
        }
      }),
      subscribe("notification:read", ({ unreadCount }) => {
        setList((current) => ({ ...current, unreadCount }));
        if (unreadCount === 0) setList((current) => ({ ...current, items: current.items.map((item) => ({ ...item, readAt: item.readAt ?? new Date().toISOString() })) }));
      }),
      subscribe("reconnect", reload),
    ];
    return () => offs.forEach((off) => off());
  }, [userId, subscribe, reload]);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !panel.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  if (!userId) return null;

  async function markRead(ids?: string[]) {
    const now = new Date().toISOString();
    setList((current) => ({
      ...current,
      items: current.items.map((item) => (!ids || ids.includes(item.id) ? { ...item, readAt: item.readAt ?? now } : item)),
    }));
    try {
      const { unreadCount } = await apiRequest<{ unreadCount: number }>("/notifications/read", { body: ids ? { ids } : {} });
      setList((current) => ({ ...current, unreadCount }));
    } catch {
      reload();
    }
  }

  async function askPermission() {
    if (!("Notification" in window)) return;
    setPermission(await window.Notification.requestPermission());
  }

  const count = list.unreadCount;
  return (
    <div ref={panel} className="relative">
      <button
        type="button"
        onClick={() => setOpen((value) => !value)}
        aria-expanded={open}
        aria-label={count > 0 ? t("bellUnread", { count }) : t("bell")}
        className="relative inline-flex size-9 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100"
      >
        <Bell aria-hidden="true" className="size-5" />
        {count > 0 ? (
          <span data-testid="notification-count" className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-rose-600 px-1 text-center text-xs font-semibold leading-5 text-white">
            {count > 99 ? "99+" : count}
          </span>
        ) : null}
      </button>
      {open ? (
        <div role="region" aria-label={t("title")} className="absolute right-0 z-30 mt-2 w-80 max-w-[90vw] rounded-lg border border-slate-200 bg-white shadow-lg">
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
            <h2 className="text-sm font-semibold text-slate-900">{t("title")}</h2>
            {count > 0 ? (
              <button type="button" onClick={() => void markRead()} className="text-xs font-medium text-indigo-700 hover:underline">
                {t("markAllRead")}
              </button>
            ) : null}
          </div>
          {list.items.length === 0 ? (
            <p className="px-3 py-4 text-sm text-slate-600">{t("empty")}</p>
          ) : (
            <ul className="max-h-96 overflow-y-auto">
              {list.items.map((item) => (
                <li key={item.id} className="border-b border-slate-100 last:border-0">
                  <Link
                    href={item.link}
                    onClick={() => {
                      setOpen(false);
                      if (!item.readAt) void markRead([item.id]);
                    }}
                    className={`block px-3 py-2 text-sm hover:bg-slate-50 ${item.readAt ? "text-slate-600" : "font-medium text-slate-900"}`}
                  >
                    {item.readAt ? null : <span className="sr-only">{t("unread")} </span>}
                    <span className="block">{item.title}</span>
                    {item.body ? <span className="block truncate text-xs text-slate-500">{item.body}</span> : null}
                    <span className="block text-xs text-slate-400">{formatDateTime(item.createdAt, locale, timeZone)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {permission === "default" ? (
            <div className="border-t border-slate-100 px-3 py-2">
              <button type="button" onClick={() => void askPermission()} className="text-xs font-medium text-indigo-700 hover:underline">
                {t("enableBrowser")}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
