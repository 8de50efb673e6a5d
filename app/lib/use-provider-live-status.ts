"use client";

import { useEffect, useState } from "react";
import { useSession } from "../components/session-provider.tsx";
import type { LiveStatus } from "../../contract/sessions.ts";

/**
 * A provider's live status, followed on the shared socket: read once now, then every
 * `presence:changed` brings the change within a second (SPEC 9). Signed-in viewers only:
 * the live connection needs a session.
 */
export function useProviderLiveStatus(providerId: string | null): LiveStatus | null {
  const { session, subscribe, request, watchProvider } = useSession();
  const [status, setStatus] = useState<LiveStatus | null>(null);
  const signedIn = session.status === "authenticated";

  useEffect(() => {
    if (!providerId || !signedIn) return;
    let active = true;
    const read = () =>
      request("presence:watch", { userIds: [providerId] })
        .then(({ statuses }) => {
          if (active) setStatus(statuses[0] ?? null);
        })
        .catch(() => undefined);
    const unwatch = watchProvider(providerId);
    void read();
    const offChanged = subscribe("presence:changed", (event) => {
      if (event.userId === providerId) setStatus(event);
    });
    // Events missed while disconnected: read the status again.
    const offReconnect = subscribe("reconnect", () => void read());
    return () => {
      active = false;
      offChanged();
      offReconnect();
      unwatch();
    };
  }, [providerId, signedIn, subscribe, request, watchProvider]);

  return status;
}
