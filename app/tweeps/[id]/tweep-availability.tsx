"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { AvailabilityWeek } from "../../components/availability-week.tsx";
import type { Availability } from "../../../contract/availability.ts";
import { useApiLoad } from "../../lib/use-api-load.ts";

/**
 * The provider's weekly grid on a consultation's page (SPEC 3). Loaded on its own, from
 * the small availability endpoint, so the tweep itself shows without waiting for it.
 */
export function TweepAvailability({ providerId }: { providerId: string }) {
  const t = useTranslations("availability");
  const [availability, setAvailability] = useState<Availability | null>(null);
  const failed = useApiLoad<{ availability: Availability }>(`/providers/${encodeURIComponent(providerId)}/availability`, (loaded) =>
    setAvailability(loaded.availability),
  );

  if (failed) return <AlertMessage message={t("providerLoadError")} />;
  return availability ? <AvailabilityWeek availability={availability} /> : null;
}
