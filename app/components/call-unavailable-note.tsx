"use client";

import { useLocale, useTranslations } from "use-intl";
import { formatMoney } from "../lib/format-money.ts";
import type { UncallableReason } from "../../contract/sessions.ts";

/**
 * Why a customer cannot call now, in words (SPEC 15), and when that will change: the next
 * open hour, the end of a pause, or the missing amount of the balance.
 */
export function CallUnavailableNote(props: {
  id?: string;
  reason: UncallableReason | null;
  opensAt?: string;
  shortfall?: { amountMinor: number; currency: string } | null;
}) {
  const t = useTranslations("queue");
  const locale = useLocale();
  if (!props.reason && !props.shortfall) return null;
  const when = props.opensAt ? new Date(props.opensAt) : null;
  const whenText = when
    ? when.toLocaleString(locale, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" })
    : null;
  return (
    <p id={props.id} className="text-sm text-slate-700" data-testid="call-unavailable">
      {props.reason ? t(`reason.${props.reason}`) : null}
      {props.reason === "outside_hours" && whenText ? ` ${t("opensAt", { time: whenText })}` : null}
      {props.reason === "paused" && when ? ` ${t("pauseEndsAt", { time: when.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" }) })}` : null}
      {!props.reason && props.shortfall ? t("balanceShort", { amount: formatMoney(props.shortfall.amountMinor, props.shortfall.currency, locale) }) : null}
    </p>
  );
}
