"use client";

import { useId, useMemo, useState } from "react";
import type { KeyboardEvent, ReactNode } from "react";
import { useTranslations } from "use-intl";
import { filterTimeZones, type TimeZoneGroup } from "../lib/time-zones.ts";
import { inputClassName } from "./form-field.tsx";

type Props = {
  label: string;
  hint?: ReactNode;
  value: string;
  onChange: (zoneId: string) => void;
  groups: TimeZoneGroup[];
  placeholder?: string;
  className?: string;
};

/**
 * A searchable time-zone picker (the ARIA combobox pattern): type any part of a zone's
 * name, city or offset, pick with the arrows and Enter or by clicking. Over 400 zones are
 * too many to scroll through in a plain <select>.
 */
export function TimeZoneField({ label, hint, value, onChange, groups, placeholder, className }: Props) {
  const t = useTranslations("timeZoneField");
  const id = useId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const zones = useMemo(() => groups.flatMap((group) => group.zones), [groups]);
  const selected = zones.find((zone) => zone.id === value);
  // null while not typing: the field then shows the chosen zone.
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => filterTimeZones(zones, query ?? ""), [zones, query]);

  function choose(zoneId: string) {
    onChange(zoneId);
    setQuery(null);
    setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(Math.max(0, matches.findIndex((zone) => zone.id === value)));
        return;
      }
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => Math.min(Math.max(index + step, 0), Math.max(matches.length - 1, 0)));
    } else if (event.key === "Enter" && open) {
      event.preventDefault();
      const zone = matches[active];
      if (zone) choose(zone.id);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      setQuery(null);
    }
  }

  const activeId = open && matches[active] ? `${listId}-${active}` : undefined;

  return (
    <div className={`relative ${className ?? ""}`}>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        aria-describedby={hint ? hintId : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder ?? t("search")}
        value={query ?? selected?.label ?? value}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onClick={() => setOpen(true)}
        onFocus={(event) => event.currentTarget.select()}
        onBlur={() => {
          setOpen(false);
          setQuery(null);
        }}
        onKeyDown={onKeyDown}
        className={`${inputClassName} bg-white text-slate-900`}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        hidden={!open}
        className="absolute z-30 mt-1 max-h-64 w-full overflow-y-auto rounded-lg border border-slate-200 bg-white py-1 text-sm shadow-lg"
      >
        {matches.map((zone, index) => (
          <li
            key={zone.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            // Keeps the focus in the field, so its blur does not close the list before the click lands.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(zone.id)}
            className={`cursor-pointer px-3 py-1.5 break-words ${index === active ? "bg-indigo-50 text-indigo-900" : "text-slate-800"} ${zone.id === value ? "font-semibold" : ""}`}
          >
            {zone.label}
          </li>
        ))}
      </ul>
      {open && matches.length === 0 ? (
        <p role="status" className="absolute z-30 mt-1 w-full rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm text-slate-600 shadow-lg">
          {t("noMatches")}
        </p>
      ) : null}
      {hint ? (
        <div id={hintId} className="mt-1.5 text-xs text-slate-500">
          {hint}
        </div>
      ) : null}
    </div>
  );
}
