"use client";

import { useEffect, useState } from "react";
import { useSession } from "../components/session-provider.tsx";
import type { LiveStatus } from "./live-types.ts";

/**
 * A provider's live status, followed on the shared socket: the watch answers with the
 * status now and `presence:changed` brings every change within a second (SPEC 9).
 */
export function useProviderLiveStatus(providerId: string | null): LiveStatus | null {
  const { session, subscribe, request } = useSession();
  const [status, setStatus] = useState<LiveStatus | null>(null);
  const signedIn = session.status === "authenticated";

  useEffect(() => {
    if (!providerId || !signedIn) return;
    let active = true;
    const watch = () =>
      request<{ statuses: LiveStatus[] }>("presence:watch", { userIds: [providerId] })
        .then(({ statuses }) => {
          if (active) setStatus(statuses[0] ?? null);
        })
        .catch(() => undefined);
    void watch();
    const offChanged = subscribe("presence:changed", (event) => {
      if (event.userId === providerId) setStatus(event);
    });
    // A new connection has joined no rooms yet: watch again.
    const offReconnect = subscribe("reconnect", () => void watch());
    return () => {
      active = false;
      offChanged();
      offReconnect();
      void request("presence:unwatch", { userIds: [providerId] }).catch(() => undefined);
    };
  }, [providerId, signedIn, subscribe, request]);

  return status;
}
