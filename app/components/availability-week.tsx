"use client";

import { CalendarClock } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { projectAvailability } from "../lib/project-availability.ts";
import type { Availability } from "../../contract/availability.ts";
import { formatHour, useAvailabilityLabels } from "../lib/availability-labels.ts";
import { getDeviceTimeZone } from "../lib/time-zones.ts";
import { useSession } from "./session-provider.tsx";

const DAY_MS = 86_400_000;
const hourIndexes = Array.from({ length: 24 }, (_, hour) => hour);

function isKnownTimeZone(zone: string | null | undefined): zone is string {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function findWeekdayIndex(at: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone }).format(at);
  return ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(name);
}

const formatZoneName = (zone: string) => zone.replaceAll("_", " ");

/**
 * A provider's weekly availability (SPEC 9) for the current week in the viewer's time zone:
 * the profile's zone when logged in, else the browser's. Read-only; a table so that screen
 * readers announce the day and hour of every cell.
 */
export function AvailabilityWeek({ availability }: { availability: Availability }) {
  const t = useTranslations("availability");
  const locale = useLocale();
  const labels = useAvailabilityLabels();
  const { session } = useSession();
  const headingId = useId();
  const [now] = useState(() => new Date());
  const [deviceZone] = useState(getDeviceTimeZone);

  const profileZone = session.status === "authenticated" ? session.user.timeZone : null;
  const viewerZone = isKnownTimeZone(profileZone) ? profileZone : isKnownTimeZone(deviceZone) ? deviceZone : "UTC";
  const providerZone = isKnownTimeZone(availability.timeZone) ? availability.timeZone : null;

  const week = useMemo(
    () =>
      providerZone
        ? projectAvailability({ hours: availability.hours, providerTimeZone: providerZone, viewerTimeZone: viewerZone, at: now })
        : null,
    [availability.hours, providerZone, viewerZone, now],
  );

  const heading = (
    <h2 id={headingId} className="flex items-center gap-2 text-lg font-semibold text-slate-900">
      <CalendarClock aria-hidden="true" className="size-5 text-indigo-600" />
      {t("title")}
    </h2>
  );
  const frame = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5";

  // The viewer's zone is not known until the session is: projecting twice would flash.
  if (session.status === "loading") return null;
  if (!week || availability.hours.length === 0) {
    return (
      <section aria-labelledby={headingId} className={frame}>
        {heading}
        <p className="mt-2 text-sm text-slate-600">{week ? t("empty") : t("notSet")}</p>
      </section>
    );
  }

  const monday = new Date(`${week.monday}T00:00:00Z`);
  const range = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", timeZone: "UTC" }).formatRange(
    monday,
    new Date(monday.getTime() + 6 * DAY_MS),
  );
  const today = findWeekdayIndex(now, viewerZone);
  const isSkipped = (day: number, hour: number) => week.skipped.some((cell) => cell.day === day && cell.hour === hour);

  return (
    <section aria-labelledby={headingId} className={frame}>
      {heading}
      {/* Scrolls sideways on narrow screens; focusable so keyboards can scroll it too. */}
      <div className="relative mt-3 max-w-full overflow-x-auto" tabIndex={0} role="group" aria-labelledby={headingId}>
        <table className="w-full min-w-[30rem] table-fixed border-separate border-spacing-[2px] text-xs">
          <caption className="mb-2 text-left text-sm text-slate-600">
            {t("caption", { range, zone: formatZoneName(viewerZone) })}
          </caption>
          <thead>
            <AvailabilityHourHeader cornerClassName="w-9" />
          </thead>
          <tbody>
            {week.cells.map((row, day) => (
              <tr key={day}>
                <th
                  scope="row"
                  className={`pr-1.5 text-left font-medium ${day === today ? "text-indigo-700" : "text-slate-600"}`}
                >
                  <span aria-hidden="true">{labels.shortDay(day)}</span>
                  <span className="sr-only">
                    {labels.day(day)}
                    {day === today ? `, ${t("today")}` : ""}
                  </span>
                </th>
                {row.map((filled, hour) => {
                  const skipped = isSkipped(day, hour);
                  const state = skipped ? t("skipped") : filled ? t("available") : t("unavailable");
                  return (
                    <td
                      key={hour}
                      title={`${labels.cell(day, hour)}: ${state}`}
                      className={`h-5 rounded-sm p-0 ${
                        skipped
                          ? "bg-[repeating-linear-gradient(135deg,var(--color-slate-300)_0_2px,transparent_2px_5px)]"
                          : filled
                            ? "bg-emerald-500"
                            : day === today
                              ? "bg-indigo-50"
                              : "bg-slate-100"
                      }`}
                    >
                      <span className="sr-only">{state}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600">
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className="size-3 rounded-sm bg-emerald-500" />
          {t("available")}
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className="size-3 rounded-sm bg-slate-100 ring-1 ring-slate-200" />
          {t("unavailable")}
        </span>
        {providerZone !== viewerZone ? <span>{t("keptIn", { zone: formatZoneName(providerZone ?? "") })}</span> : null}
      </div>
      {week.skipped.length > 0 || week.repeated.length > 0 ? (
        <p className="mt-2 text-xs text-slate-600">
          {week.repeated.length > 0
            ? week.repeated
                .map((cell) =>
                  t("repeated", { day: labels.day(cell.day), from: formatHour(cell.hour), to: formatHour(cell.hour + 1) }),
                )
                .join(" ")
            : t("clockChange")}
        </p>
      ) : null}
      {week.providerHourStartMinute !== 0 ? (
        <p className="mt-2 text-xs text-slate-600">
          {t("halfHour", { minute: String(week.providerHourStartMinute).padStart(2, "0") })}
        </p>
      ) : null}
    </section>
  );
}

/** The hour row of a week grid: every third hour written, every hour named for screen readers. */
export function AvailabilityHourHeader({ cornerClassName }: { cornerClassName: string }) {
  const labels = useAvailabilityLabels();
  return (
    <tr>
      <td className={cornerClassName} />
      {hourIndexes.map((hour) => (
        <th key={hour} scope="col" className="p-0 text-left font-normal text-slate-500 tabular-nums">
          <span aria-hidden="true">{hour % 3 === 0 ? String(hour).padStart(2, "0") : ""}</span>
          <span className="sr-only">{labels.hours(hour)}</span>
        </th>
      ))}
    </tr>
  );
}
