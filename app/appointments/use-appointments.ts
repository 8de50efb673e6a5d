"use client";

import { useEffect, useState } from "react";
import { useSession } from "../components/session-provider.tsx";
import { useApiLoad } from "../lib/use-api-load.ts";
import type { Appointment } from "../../contract/appointments.ts";

/** The viewer's appointments on one side, reloaded when a notification or a call says something changed. */
export function useAppointments(path: string) {
  const { subscribe } = useSession();
  const [items, setItems] = useState<Appointment[] | null>(null);
  const [version, setVersion] = useState(0);
  const error = useApiLoad<{ items: Appointment[] }>(path, (data) => setItems(data.items), version);
  useEffect(() => {
    const reload = () => setVersion((value) => value + 1);
    const offs = [subscribe("notification:new", reload), subscribe("session:updated", reload), subscribe("call:ended", reload), subscribe("reconnect", reload)];
    return () => offs.forEach((off) => off());
  }, [subscribe]);
  return { items, error, reload: () => setVersion((value) => value + 1), replace: (next: Appointment) => setItems((list) => list?.map((item) => (item.id === next.id ? next : item)) ?? null) };
}
