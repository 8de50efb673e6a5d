/**
 * Pages send a heartbeat every 10 s; a user is online for 25 s after the last one and the
 * expiry loop looks every 2 s, so a closed tab is offline within 27 s (SPEC 9 asks for 30).
 */
export const HEARTBEAT_INTERVAL_MS = 10_000;
export const PRESENCE_TTL_MS = 25_000;
export const PRESENCE_SWEEP_MS = 2_000;
