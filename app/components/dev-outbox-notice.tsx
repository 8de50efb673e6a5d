"use client";

import { Inbox } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "use-intl";
import { useAppConfig } from "../lib/use-app-config.ts";

/** Tells developers where the SMS codes go when the server uses development adapters. */
export function DevOutboxNotice() {
  const t = useTranslations("signup");
  const config = useAppConfig();
  if (!config?.devOutbox) return null;
  return (
    <aside className="mt-6 flex items-start gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2.5 text-sm text-amber-900">
      <Inbox aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <p>
        {t("devNotice")}.{" "}
        <Link href="/dev/outbox" target="_blank" className="font-semibold underline underline-offset-2">
          {t("devNoticeLink")}
        </Link>
      </p>
    </aside>
  );
}
