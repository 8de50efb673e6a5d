"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { AvailabilityWeek } from "../../components/availability-week.tsx";
import { apiRequest, isAbortError } from "../../lib/api-client.ts";
import type { Availability } from "../../../contract/availability.ts";

/**
 * The provider's weekly grid on a consultation's page (SPEC 3). Loaded on its own, from
 * the small availability endpoint, so the tweep itself shows without waiting for it.
 */
export function TweepAvailability({ providerId }: { providerId: string }) {
  const t = useTranslations("availability");
  const [availability, setAvailability] = useState<Availability | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    apiRequest<{ availability: Availability }>(`/providers/${encodeURIComponent(providerId)}/availability`, {
      signal: controller.signal,
    })
      .then((loaded) => setAvailability(loaded.availability))
      .catch((error: unknown) => {
        if (!isAbortError(error)) setFailed(true);
      });
    return () => controller.abort();
  }, [providerId]);

  if (failed) return <AlertMessage message={t("providerLoadError")} />;
  return availability ? <AvailabilityWeek availability={availability} /> : null;
}
