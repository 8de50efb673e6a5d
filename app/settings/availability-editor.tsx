"use client";

import { CalendarClock, Eraser } from "lucide-react";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { FormEvent, KeyboardEvent, PointerEvent, ReactNode } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { AvailabilityHourHeader } from "../components/availability-week.tsx";
import { LoadingPanel } from "../components/loading-panel.tsx";
import { useSession } from "../components/session-provider.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { TimeZoneField } from "../components/time-zone-field.tsx";
import { apiRequest } from "../lib/api-client.ts";
import { useApiLoad } from "../lib/use-api-load.ts";
import type { Availability } from "../../contract/availability.ts";
import { useAvailabilityLabels } from "../lib/availability-labels.ts";
import { getDeviceTimeZone, listTimeZones } from "../lib/time-zones.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { useFailureMessage } from "../lib/use-failure-message.ts";

const dayIndexes = Array.from({ length: 7 }, (_, day) => day);
const hourIndexes = Array.from({ length: 24 }, (_, hour) => hour);
/** Monday 09:00: where keyboard users enter the grid the first time. */
const FIRST_FOCUS = 9;

function isSameSet(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  return a.size === b.size && [...a].every((hour) => b.has(hour));
}

/** The cell an arrow, Home or End key moves to from `index`, staying inside the grid. */
function findNextCell(key: string, index: number): number | null {
  const day = Math.floor(index / 24);
  const hour = index % 24;
  if (key === "ArrowRight") return hour < 23 ? index + 1 : index;
  if (key === "ArrowLeft") return hour > 0 ? index - 1 : index;
  if (key === "ArrowDown") return day < 6 ? index + 24 : index;
  if (key === "ArrowUp") return day > 0 ? index - 24 : index;
  if (key === "Home") return day * 24;
  if (key === "End") return day * 24 + 23;
  return null;
}

/**
 * The provider's weekly availability editor (SPEC 9) on the settings page: 168 toggle
 * buttons kept in a zone of the provider's choosing (by default their profile's). The grid
 * is one tab stop; arrow keys move inside it, and a mouse can paint across cells.
 */
export function AvailabilityEditor() {
  const t = useTranslations("availability");
  const locale = useLocale();
  const labels = useAvailabilityLabels();
  const describeError = useErrorMessage();
  const failureMessage = useFailureMessage();
  const { session } = useSession();
  const headingId = useId();
  const helpId = useId();

  const userId = session.status === "authenticated" ? session.user.id : null;
  const profileZone = session.status === "authenticated" ? session.user.timeZone : null;

  const [saved, setSaved] = useState<Availability | null>(null);
  // null until the person changes something: the grid then shows what is saved.
  const [editedHours, setEditedHours] = useState<Set<number> | null>(null);
  const [editedZone, setEditedZone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [savedNotice, setSavedNotice] = useState(false);
  const [focusIndex, setFocusIndex] = useState(FIRST_FOCUS);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  /** While the mouse button is held: whether dragging fills (true) or clears (false) cells. */
  const paint = useRef<boolean | null>(null);
  const toggledOnPointerDown = useRef(false);

  const loadError = useApiLoad<{ availability: Availability }>(
    userId ? `/providers/${encodeURIComponent(userId)}/availability` : null,
    ({ availability }) => setSaved(availability),
  );

  useEffect(() => {
    const stopPainting = () => {
      paint.current = null;
    };
    window.addEventListener("pointerup", stopPainting);
    window.addEventListener("pointercancel", stopPainting);
    return () => {
      window.removeEventListener("pointerup", stopPainting);
      window.removeEventListener("pointercancel", stopPainting);
    };
  }, []);

  // The section appears after its data loads, too late for the browser's own jump to
  // /settings#availability (the link from My tweeps).
  const loaded = saved !== null;
  useEffect(() => {
    if (loaded && window.location.hash === "#availability") document.getElementById("availability")?.scrollIntoView();
  }, [loaded]);

  const savedHours = useMemo(() => new Set(saved?.hours ?? []), [saved]);
  const defaultZone = saved?.timeZone ?? profileZone ?? getDeviceTimeZone() ?? "Europe/Moscow";
  const zone = editedZone ?? defaultZone;
  const hours = editedHours ?? savedHours;
  const zoneGroups = useMemo(() => listTimeZones([zone], new Date(), locale), [zone, locale]);

  if (session.status !== "authenticated") return null;

  const section = (children: ReactNode) => (
    <section
      id="availability"
      aria-labelledby={headingId}
      className="mt-10 max-w-4xl scroll-mt-24 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
    >
      <h2 id={headingId} className="flex items-center gap-2 text-xl font-bold tracking-tight text-slate-900">
        <CalendarClock aria-hidden="true" className="size-5 text-indigo-600" />
        {t("editorTitle")}
      </h2>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">{t("editorLead")}</p>
      {children}
    </section>
  );

  if (loadError) return section(<div className="mt-4"><AlertMessage message={`${t("loadError")} ${describeError(loadError)}`} /></div>);
  if (!saved) return section(<LoadingPanel />);

  const dirty = !isSameSet(hours, savedHours) || (editedZone !== null && editedZone !== saved.timeZone);

  function setCell(index: number, filled: boolean) {
    setEditedHours((current) => {
      const next = new Set(current ?? savedHours);
      if (filled) next.add(index);
      else next.delete(index);
      return next;
    });
    setSavedNotice(false);
  }

  function handlePointerDown(event: PointerEvent<HTMLButtonElement>, index: number) {
    // Touch and pen keep their taps for the click: a swipe that starts on a cell scrolls.
    if (event.pointerType !== "mouse" || event.button !== 0) return;
    paint.current = !hours.has(index);
    toggledOnPointerDown.current = true;
    setCell(index, paint.current);
  }

  function handlePointerEnter(event: PointerEvent<HTMLButtonElement>, index: number) {
    if (event.pointerType === "mouse" && paint.current !== null && event.buttons === 1) setCell(index, paint.current);
  }

  function handleClick(index: number) {
    setFocusIndex(index);
    if (toggledOnPointerDown.current) {
      toggledOnPointerDown.current = false;
      return;
    }
    setCell(index, !hours.has(index));
  }

  function handleKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const next = findNextCell(event.key, index);
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    buttons.current[next]?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setSavedNotice(false);
    setBusy(true);
    try {
      const { availability } = await apiRequest<{ availability: Availability }>("/me/availability", {
        method: "PUT",
        body: { timeZone: zone, hours: [...hours].sort((a, b) => a - b) },
      });
      setSaved(availability);
      setEditedHours(null);
      setEditedZone(null);
      setSavedNotice(true);
    } catch (caught) {
      setError(failureMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return section(
    <form onSubmit={submit} noValidate className="mt-6 space-y-5">
      <TimeZoneField
        label={t("zone")}
        hint={t("zoneHint")}
        value={zone}
        groups={zoneGroups}
        onChange={(zoneId) => {
          setEditedZone(zoneId);
          setSavedNotice(false);
        }}
        className="max-w-md"
      />

      <div>
        <p id={helpId} className="mb-2 text-xs text-slate-500">
          {t("editorHelp")}
        </p>
        {/* Positioned, so the grid's visually hidden labels (absolute) scroll and clip with it
            instead of widening the page on a phone. */}
        <div className="relative max-w-full overflow-x-auto pb-1">
          <table
            aria-describedby={helpId}
            className="w-full min-w-[40rem] table-fixed border-separate border-spacing-[2px] text-xs select-none"
          >
            <caption className="sr-only">{t("editorCaption", { zone: zone.replaceAll("_", " ") })}</caption>
            <thead>
              <AvailabilityHourHeader cornerClassName="w-10" />
            </thead>
            <tbody>
              {dayIndexes.map((day) => (
                <tr key={day}>
                  <th scope="row" className="pr-1.5 text-left font-medium text-slate-600">
                    <span aria-hidden="true">{labels.shortDay(day)}</span>
                    <span className="sr-only">{labels.day(day)}</span>
                  </th>
                  {hourIndexes.map((hour) => {
                    const index = day * 24 + hour;
                    const pressed = hours.has(index);
                    return (
                      <td key={hour} className="p-0">
                        <button
                          ref={(element) => {
                            buttons.current[index] = element;
                          }}
                          type="button"
                          aria-pressed={pressed}
                          aria-label={labels.cell(day, hour)}
                          title={labels.cell(day, hour)}
                          tabIndex={index === focusIndex ? 0 : -1}
                          onPointerDown={(event) => handlePointerDown(event, index)}
                          onPointerEnter={(event) => handlePointerEnter(event, index)}
                          onClick={() => handleClick(index)}
                          onKeyDown={(event) => handleKeyDown(event, index)}
                          className={`block h-7 w-full rounded-[3px] transition-colors ${
                            pressed ? "bg-indigo-600 hover:bg-indigo-700" : "bg-slate-100 hover:bg-indigo-100"
                          }`}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-slate-600">{t("count", { count: hours.size })}</p>
          <button
            type="button"
            onClick={() => {
              setEditedHours(new Set());
              setSavedNotice(false);
            }}
            disabled={hours.size === 0}
            className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed disabled:text-slate-400"
          >
            <Eraser aria-hidden="true" className="size-4" />
            {t("clear")}
          </button>
        </div>
      </div>

      {error ? <AlertMessage message={error} /> : null}
      <div className="flex flex-wrap items-center gap-4 border-t border-slate-100 pt-5">
        <SubmitButton busy={busy}>{t("save")}</SubmitButton>
        {savedNotice ? <StatusMessage>{t("saved")}</StatusMessage> : null}
        {!savedNotice && dirty ? <p className="text-sm text-amber-700">{t("unsaved")}</p> : null}
      </div>
    </form>,
  );
}
