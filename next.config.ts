import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The custom server (server/main.ts) owns /api/v1, /healthz, /metrics and Socket.IO;
  // Next.js renders the pages only.
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
