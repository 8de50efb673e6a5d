import type { NextConfig } from "next";
import { devOrigins } from "./server/env.ts";

const nextConfig: NextConfig = {
  // The custom server (server/main.ts) owns /api/v1, /healthz, /metrics and Socket.IO;
  // Next.js renders the pages only.
  poweredByHeader: false,
  reactStrictMode: true,
  // The development server refuses its HMR socket from origins it does not know, leaving
  // pages opened at 127.0.0.1 (or at HOST) on "Loading…".
  allowedDevOrigins: devOrigins(),
};

export default nextConfig;
