"use client";

import { useCallback, useRef } from "react";

// crypto.randomUUID exists only in secure contexts; getRandomValues works on plain http too
// (a phone on the LAN opening the development server).
function createKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * One key per intent: retrying the same amount after a lost response reuses the key, so
 * the server credits or pays out once; a different amount, or a success, starts afresh.
 */
export function useIdempotencyKey(): { keyFor: (intent: string) => string; reset: () => void } {
  const current = useRef<{ intent: string; key: string } | null>(null);
  const keyFor = useCallback((intent: string) => {
    if (current.current?.intent !== intent) current.current = { intent, key: createKey() };
    return current.current.key;
  }, []);
  const reset = useCallback(() => {
    current.current = null;
  }, []);
  return { keyFor, reset };
}
