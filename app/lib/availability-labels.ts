"use client";

import { useMemo } from "react";
import { useTranslations } from "use-intl";

// Names for the cells of the weekly grid (SPEC 9): "Monday 09:00–10:00" in the interface
// language. Hours are written on the 24-hour clock in both languages, as the grid is.

export const weekDays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

export function formatHour(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

export type AvailabilityLabels = {
  day: (day: number) => string;
  shortDay: (day: number) => string;
  hours: (hour: number) => string;
  cell: (day: number, hour: number) => string;
};

export function useAvailabilityLabels(): AvailabilityLabels {
  const t = useTranslations("availability");
  return useMemo(() => {
    const day = (index: number) => t(`days.${weekDays[index] ?? "mon"}`);
    const range = (hour: number) => ({ from: formatHour(hour), to: formatHour(hour + 1) });
    return {
      day,
      shortDay: (index) => t(`daysShort.${weekDays[index] ?? "mon"}`),
      hours: (hour) => t("hours", range(hour)),
      cell: (index, hour) => t("cell", { day: day(index), ...range(hour) }),
    };
  }, [t]);
}
