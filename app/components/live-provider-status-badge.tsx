"use client";

import type { ProviderStatus } from "../../contract/common.ts";
import { useProviderLiveStatus } from "../lib/use-provider-live-status.ts";
import { ProviderStatusBadge } from "./catalog-provider-facts.tsx";

/**
 * The status badge of one provider, kept live for signed-in viewers (SPEC 9: changes reach
 * every watching customer within a second); visitors see the status the page loaded with.
 */
export function LiveProviderStatusBadge({ providerId, status, online }: { providerId: string; status: ProviderStatus; online?: boolean }) {
  const live = useProviderLiveStatus(providerId);
  return (
    <span aria-live="polite" data-testid="provider-status">
      <ProviderStatusBadge status={live?.status ?? status} online={live?.online ?? online ?? true} />
    </span>
  );
}
