import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export type Metrics = ReturnType<typeof createMetrics>;

/** One registry per server instance, so tests can run several servers in one process. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "tweeps_" });
  return {
    registry,
    httpRequests: new Counter({
      name: "tweeps_http_requests_total",
      help: "API requests by method, route and status",
      labelNames: ["method", "route", "status"] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "tweeps_http_request_duration_seconds",
      help: "API request durations",
      labelNames: ["method", "route"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    liveConnections: new Gauge({
      name: "tweeps_live_connections",
      help: "Open Socket.IO connections in this process",
      registers: [registry],
    }),
  };
}
