"use client";

import { useProviderLiveStatus } from "../lib/use-provider-live-status.ts";
import { CallUnavailableNote } from "./call-unavailable-note.tsx";

/** Beside a provider's status on the tweep page: why a call is not possible now, and until when (SPEC 15). */
export function LiveCallNote({ providerId }: { providerId: string }) {
  const live = useProviderLiveStatus(providerId);
  if (!live || live.callable || !live.reason) return null;
  return <CallUnavailableNote reason={live.reason} opensAt={live.opensAt} />;
}
