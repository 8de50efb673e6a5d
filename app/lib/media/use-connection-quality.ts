"use client";

import { useEffect, useRef, useState } from "react";
import { type ConnectionQuality, judgeConnectionQuality, type QualitySample, readQualitySample } from "./connection-quality.ts";

// Often enough to follow a bad patch, rarely enough that getStats() costs nothing noticeable.
const SAMPLE_INTERVAL_MS = 2_000;

/**
 * The indicator's state for a peer connection: the browser's figures every two seconds, and the
 * server's (`stalled`: the SFU sees the provider's media not reaching the customer, so the clock
 * is paused) on top. No connection at all is "reconnecting".
 */
export function useConnectionQuality(pc: RTCPeerConnection | null, stalled: boolean): ConnectionQuality {
  const [measured, setMeasured] = useState<ConnectionQuality>("good");
  const previous = useRef<QualitySample | null>(null);
  useEffect(() => {
    previous.current = null;
    if (!pc) return;
    let cancelled = false;
    const sample = async () => {
      const report = await pc.getStats().catch(() => null);
      if (cancelled || !report) return;
      const current = readQualitySample(report.values() as Iterable<Record<string, unknown> & { type: string }>);
      setMeasured(judgeConnectionQuality(previous.current, current, pc.connectionState === "connected"));
      previous.current = current;
    };
    const timer = window.setInterval(() => void sample(), SAMPLE_INTERVAL_MS);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [pc]);
  if (!pc) return "reconnecting";
  if (measured === "good" && stalled) return "poor";
  return measured;
}
