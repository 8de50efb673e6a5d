// The JSON shapes of the provider's panel (GET /providers/{id}/queue, /me/calls, /me/consultations, /me/stats).

export type QueueEntry = {
  id: string;
  customerId: string;
  customerName: string;
  orderId: string;
  medium: "video" | "text";
  status: "waiting" | "turn";
  place: number;
  etaSeconds: number;
  joinedAt: string;
  turnExpiresAt: string | null;
};

export type Call = {
  id: string;
  orderId: string;
  customerId: string;
  customerName: string;
  medium: "video" | "text";
  at: string;
  outcome: "answered" | "missed" | "declined" | "cancelled" | "ringing" | "lost";
  retry: boolean;
};

export type Consultation = {
  id: string;
  orderId: string;
  customerId: string;
  customerName: string;
  startedAt: string | null;
  durationSeconds: number;
  blocks: number;
  netMinor: number;
  grossMinor: number;
};

export type StatsPoint = { start: string; earningsMinor: number; grossMinor: number; sessions: number; minutes: number; answered: number; missed: number };
export type Stats = {
  from: string;
  to: string;
  bucket: "day" | "week";
  timeZone: string;
  currency: string;
  series: StatsPoint[];
  totals: Omit<StatsPoint, "start">;
};
