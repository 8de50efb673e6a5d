"use client";

import { useEffect, useState } from "react";
import { apiRequest } from "./api-client.ts";
import type { AppConfig } from "../../contract/config.ts";

// The public configuration changes only with a server restart, so one request per page
// load is shared by every component that asks.
/** The server's configuration, or only `devOutbox: false` when it could not be read. */
export type PageConfig = Partial<AppConfig> & Pick<AppConfig, "devOutbox">;

let configPromise: Promise<PageConfig> | null = null;

function loadAppConfig(): Promise<PageConfig> {
  configPromise ??= apiRequest<PageConfig>("/config").catch((error: unknown) => {
    configPromise = null;
    console.error("Could not load /api/v1/config", error);
    return { devOutbox: false };
  });
  return configPromise;
}

export function useAppConfig(): PageConfig | null {
  const [config, setConfig] = useState<PageConfig | null>(null);
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
