"use client";

import { LogOut, UserRound } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { apiRequest } from "../lib/api-client.ts";
import { BalanceBadge } from "./balance-badge.tsx";
import { IncomingCalls } from "./incoming-calls.tsx";
import { NotificationBell } from "./notification-bell.tsx";
import { LanguageSwitch } from "./language-switch.tsx";
import { ProviderStatusControl } from "./provider-status-control.tsx";
import { useSession } from "./session-provider.tsx";

const navLinkClassName =
  "shrink-0 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:bg-indigo-50 aria-[current=page]:text-indigo-700";

// Two rows at every width: brand, status, balance and language first, then the account
// links, which wrap rather than overflow. One line did not fit a provider's bar at 1280 px
// (status control, calls, balance, seven links, name and Log out), and a page wider than
// the window clips "Log out". The name is shown from `sm` up, truncated.
export function TopBar() {
  const t = useTranslations("topBar");
  const tweepsT = useTranslations("myTweeps");
  const moderationT = useTranslations("moderation");
  const peopleT = useTranslations("people");
  const { session, signOut } = useSession();
  const router = useRouter();
  const pathname = usePathname();
  const [loggingOut, setLoggingOut] = useState(false);

  async function logOut() {
    setLoggingOut(true);
    try {
      await apiRequest("/auth/logout", { method: "POST" });
    } catch (error) {
      // The cookie may already be gone; the person still expects to be logged out here.
      console.error("Logout request failed", error);
    }
    signOut();
    setLoggingOut(false);
    router.push("/");
    router.refresh();
  }

  const current = (href: string) => (pathname === href ? "page" : undefined);
  const isModerator = session.status === "authenticated" && session.user.roles.includes("moderator");

  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 backdrop-blur supports-[backdrop-filter]:bg-white/80">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="mr-auto flex shrink-0 items-center gap-2 text-lg font-bold tracking-tight text-slate-900">
          <span aria-hidden="true" className="grid size-7 place-items-center rounded-lg bg-indigo-600 text-sm text-white">
            T
          </span>
          Tweeps
        </Link>

        {session.status === "authenticated" ? (
          <>
            <ProviderStatusControl />
            <IncomingCalls />
            <NotificationBell />
            <BalanceBadge balanceMinor={session.balanceMinor} currency={session.currency} />
          </>
        ) : null}

        <LanguageSwitch />

        {session.status === "loading" ? (
          // Keeps the bar's height steady until we know who is there.
          <div aria-hidden="true" className="h-8 w-40 animate-pulse rounded-md bg-slate-100" />
        ) : null}

        {session.status === "anonymous" ? (
          <nav aria-label={t("mainNav")} className="flex items-center gap-1">
            <Link href="/login" aria-current={current("/login")} className={navLinkClassName}>
              {t("logIn")}
            </Link>
            <Link
              href="/signup"
              aria-current={current("/signup")}
              className="shrink-0 rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700"
            >
              {t("signUp")}
            </Link>
          </nav>
        ) : null}

        {session.status === "authenticated" ? (
          <nav aria-label={t("mainNav")} className="flex w-full min-w-0 flex-wrap items-center gap-1">
            <Link href="/orders" aria-current={current("/orders")} className={navLinkClassName}>
              {t("orders")}
            </Link>
            <Link href="/appointments" aria-current={current("/appointments")} className={navLinkClassName}>
              {t("appointments")}
            </Link>
            <Link href="/sales" aria-current={current("/sales")} className={navLinkClassName}>
              {t("sales")}
            </Link>
            <Link href="/dashboard" aria-current={current("/dashboard")} className={navLinkClassName}>
              {t("dashboard")}
            </Link>
            <Link href="/my-tweeps" aria-current={current("/my-tweeps")} className={navLinkClassName}>
              {tweepsT("title")}
            </Link>
            <Link href="/messages" aria-current={current("/messages")} className={navLinkClassName}>
              {peopleT("messagesNav")}
            </Link>
            <Link href="/my-providers" aria-current={current("/my-providers")} className={navLinkClassName}>
              {peopleT("myProvidersTitle")}
            </Link>
            <Link href="/disputes" aria-current={current("/disputes")} className={navLinkClassName}>
              {t("disputes")}
            </Link>
            <Link href="/finances" aria-current={current("/finances")} className={navLinkClassName}>
              {t("finances")}
            </Link>
            <Link href="/settings" aria-current={current("/settings")} className={navLinkClassName}>
              {t("settings")}
            </Link>
            {isModerator ? (
              <Link href="/moderation" aria-current={current("/moderation")} className={navLinkClassName}>
                {moderationT("title")}
              </Link>
            ) : null}
            <span
              title={t("signedInAs", { name: session.user.name || session.user.phone })}
              className="hidden min-w-0 flex-1 items-center justify-end gap-1.5 px-1 text-sm text-slate-600 sm:flex"
            >
              <UserRound aria-hidden="true" className="size-4 shrink-0" />
              <span className="truncate">{session.user.name || session.user.phone}</span>
            </span>
            <button
              type="button"
              onClick={logOut}
              disabled={loggingOut}
              aria-busy={loggingOut || undefined}
              className="inline-flex shrink-0 items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-60"
            >
              <LogOut aria-hidden="true" className="size-4" />
              {t("logOut")}
            </button>
          </nav>
        ) : null}
      </div>
    </header>
  );
}
