"use client";

import { useTranslations } from "use-intl";
import type { SessionView } from "../../contract/sessions.ts";

const outcomes = [
  "customer_ended",
  "provider_ended",
  "insufficient_funds",
  "parties_gone",
  "media_stopped",
  "order_closed",
  "connection_lost",
  "ringing",
  "missed",
  "declined",
  "cancelled",
  "live",
  "ended",
] as const;
type Outcome = (typeof outcomes)[number];

/** How a call or session ended, in words; a reason this page does not know reads "Ended". */
export function useSessionOutcome(): (session: Pick<SessionView, "void" | "endReason" | "status">) => string {
  const t = useTranslations("live.outcome");
  return (session) => {
    if (session.void) return t("void");
    const key = session.endReason ?? session.status;
    return (outcomes as readonly string[]).includes(key) ? t(key as Outcome) : t("ended");
  };
}
