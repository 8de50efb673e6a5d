/**
 * How pages open the live connection. WebSocket first: one TCP connection, so any
 * balancer works without sticky sessions. Long polling only if WebSocket fails (a proxy
 * that drops the upgrade); its requests must then all reach the same app process, which
 * needs sticky sessions at the balancer (README, "Running at scale").
 */
export const liveSocketOptions = {
  withCredentials: true,
  transports: ["websocket", "polling"],
  tryAllTransports: true,
} as const satisfies {
  withCredentials: boolean;
  transports: ("websocket" | "polling")[];
  tryAllTransports: boolean;
};
