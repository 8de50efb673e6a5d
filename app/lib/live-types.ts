// The live-connection shapes the pages rely on (server/realtime/events.ts is the catalog).

export type ProviderStatus = "available" | "busy" | "not_set";

export type LiveStatus = { userId: string; online: boolean; status: ProviderStatus; callable: boolean };

export type SessionStatus = "ringing" | "missed" | "declined" | "cancelled" | "live" | "ended";

export type SessionView = {
  id: string;
  orderId: string;
  medium: "video" | "text";
  status: SessionStatus;
  blockPriceMinor: number;
  blockSeconds: number;
  ringExpiresAt: string;
  answeredAt: string | null;
  clockStartedAt: string | null;
  nextChargeAt: string | null;
  blocksCharged: number;
  endedAt: string | null;
  endReason: string | null;
  void: boolean;
  // SPEC 19 (server/realtime/events.ts, sessionResilienceFields)
  pausedAt: string | null;
  pausedTotalMs: number;
  customerReconnectBy: string | null;
  providerReconnectBy: string | null;
  blocksRefunded: number;
  blocksCredited: number;
};

export type WaitingCall = {
  sessionId: string;
  orderId: string;
  medium: "video" | "text";
  customerName: string;
  ringExpiresAt: string;
  orderTitle: Record<string, string>;
  blockPriceMinor: number;
  blockSeconds: number;
};

export type CallEndedEvent = { sessionId: string; orderId: string; status: "missed" | "declined" | "cancelled" };
export type CallAnsweredEvent = { sessionId: string; orderId: string; medium: "video" | "text" };
export type LowBalanceEvent = { sessionId: string; boundaryAt: string; blockPriceMinor: number; balanceMinor: number };
export type TypingEvent = { orderId: string; userId: string };
