"use client";

import { useEffect, useState } from "react";
import { apiRequest } from "./api-client.ts";
import type { AppConfig } from "./api-types.ts";

// The public configuration changes only with a server restart, so one request per page
// load is shared by every component that asks.
let configPromise: Promise<AppConfig> | null = null;

function loadAppConfig(): Promise<AppConfig> {
  configPromise ??= apiRequest<AppConfig>("/config").catch((error: unknown) => {
    configPromise = null;
    console.error("Could not load /api/v1/config", error);
    return { devOutbox: false };
  });
  return configPromise;
}

export function useAppConfig(): AppConfig | null {
  const [config, setConfig] = useState<AppConfig | null>(null);
  useEffect(() => {
    let live = true;
    void loadAppConfig().then((loaded) => {
      if (live) setConfig(loaded);
    });
    return () => {
      live = false;
    };
  }, []);
  return config;
}
