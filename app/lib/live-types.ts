// The live-connection shapes the pages rely on (server/realtime/events.ts is the catalog).

export type ProviderStatus = "available" | "busy" | "not_set" | "paused";

export type UncallableReason = "offline" | "busy" | "paused" | "not_set" | "channel_off" | "outside_hours";

export type LiveStatus = {
  userId: string;
  online: boolean;
  status: ProviderStatus;
  callable: boolean;
  // SPEC 15: why a call is not possible now, when that may change, and whether the queue is open.
  reason?: UncallableReason;
  opensAt?: string;
  queueOpen?: boolean;
  channels?: { video: boolean; text: boolean };
  queueLength?: number;
};

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
};

export type WaitingCall = { sessionId: string; orderId: string; medium: "video" | "text"; customerName: string; ringExpiresAt: string };

export type CallEndedEvent = { sessionId: string; orderId: string; status: "missed" | "declined" | "cancelled"; retryAt?: string };
export type CallAnsweredEvent = { sessionId: string; orderId: string; medium: "video" | "text" };
export type LowBalanceEvent = { sessionId: string; boundaryAt: string; blockPriceMinor: number; balanceMinor: number };
export type TypingEvent = { orderId: string; userId: string };

// --- Waiting list and retries (SPEC 15) ---
export type QueueEntryStatus = "waiting" | "turn" | "called" | "left" | "expired" | "closed";
export type QueueUpdatedEvent = {
  providerId: string;
  length: number;
  orderId?: string;
  status?: QueueEntryStatus;
  place?: number | null;
  etaSeconds?: number | null;
  turnExpiresAt?: string | null;
  reason?: string;
};
export type QueueTurnEvent = { providerId: string; orderId: string; turnExpiresAt: string };
export type CallRetriedEvent = { sessionId: string; orderId: string; retrySessionId?: string; ringExpiresAt?: string; failed?: string };
export type QueuePlace = {
  orderId: string;
  providerId: string;
  status: "waiting" | "turn";
  place: number;
  length: number;
  etaSeconds: number;
  joinedAt: string;
  turnExpiresAt?: string;
};
