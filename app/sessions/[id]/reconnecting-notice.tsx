"use client";

import { Loader2 } from "lucide-react";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import type { SessionView } from "../../../contract/sessions.ts";

/**
 * SPEC 19: while a party's connection is lost, both sides see "Reconnecting…" with the seconds
 * the grace has left; the session ends as connection_lost when they run out.
 */
export function ReconnectingNotice({ session, role }: { session: SessionView; role: "customer" | "provider" }) {
  const t = useTranslations("live");
  const deadlines = [session.customerReconnectBy, session.providerReconnectBy].filter((at): at is string => at !== null).map(Date.parse);
  const deadline = deadlines.length ? Math.min(...deadlines) : null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(timer);
  }, [deadline]);
  if (deadline === null || session.status !== "live") return null;
  const selfLost = (role === "customer" ? session.customerReconnectBy : session.providerReconnectBy) !== null;
  const seconds = Math.max(0, Math.ceil((deadline - now) / 1000));
  return (
    <p role="status" data-testid="reconnecting" className="mt-4 flex items-center gap-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <Loader2 aria-hidden="true" className="size-4 animate-spin" />
      {t(selfLost ? "reconnectingSelf" : "reconnectingOther", { seconds })}
    </p>
  );
}
