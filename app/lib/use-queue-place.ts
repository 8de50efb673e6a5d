"use client";

import { useCallback, useEffect, useState } from "react";
import { useSession } from "../components/session-provider.tsx";
import { apiRequest } from "./api-client.ts";
import type { QueueEntryStatus, QueuePlace } from "../../contract/queue.ts";

export type QueueExit = Exclude<QueueEntryStatus, "waiting" | "turn">;

/**
 * The customer's place in one provider's waiting list (SPEC 15): read now, then kept live by
 * `queue:updated` and `queue:turn`; `exit` says how a place just ended (expired, closed…).
 */
export function useQueuePlace(providerId: string | null) {
  const { session, subscribe } = useSession();
  const [place, setPlace] = useState<QueuePlace | null>(null);
  const [exit, setExit] = useState<QueueExit | null>(null);
  const signedIn = session.status === "authenticated";

  const reload = useCallback(() => {
    if (!providerId) return;
    apiRequest<{ places: QueuePlace[] }>("/me/queue")
      .then(({ places }) => setPlace(places.find((p) => p.providerId === providerId) ?? null))
      .catch(() => undefined);
  }, [providerId]);

  useEffect(() => {
    if (!providerId || !signedIn) return;
    reload();
    const offs = [
      subscribe("queue:updated", (event) => {
        if (event.providerId !== providerId || !event.orderId || !event.status) return;
        if (event.status === "waiting" || event.status === "turn") {
          setExit(null);
          setPlace((old) => ({
            orderId: event.orderId!,
            providerId,
            status: event.status as "waiting" | "turn",
            place: event.place ?? 1,
            length: event.length,
            etaSeconds: event.etaSeconds ?? 0,
            joinedAt: old?.joinedAt ?? new Date().toISOString(),
            ...(event.turnExpiresAt ? { turnExpiresAt: event.turnExpiresAt } : {}),
          }));
        } else {
          setPlace(null);
          setExit(event.status);
        }
      }),
      subscribe("queue:turn", (event) => {
        if (event.providerId !== providerId) return;
        setPlace((old) => (old ? { ...old, status: "turn", place: 1, etaSeconds: 0, turnExpiresAt: event.turnExpiresAt } : old));
        reload();
      }),
      subscribe("reconnect", reload),
    ];
    return () => offs.forEach((off) => off());
  }, [providerId, signedIn, subscribe, reload]);

  return { place, exit, setPlace, setExit, reload };
}
