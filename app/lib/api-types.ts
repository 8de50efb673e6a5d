// The JSON shapes of /api/v1 that the pages read (SPEC.md section 13). Amounts are
// integers in minor units.

import type { Locale } from "./locale.ts";

export type User = {
  id: string;
  phone: string;
  name: string | null;
  email: string | null;
  timeZone: string | null;
  language: Locale;
  roles: string[];
  providerStatus: "available" | "busy" | "not_set" | "paused" | null;
  /** SPEC 15: when a pause ends, and the channels calls are taken on. */
  pausedUntil?: string | null;
  channels?: { video: boolean; text: boolean };
};

/** A provider's weekly grid (SPEC 9): hour indexes 0..167 from Monday 00:00 in `timeZone`. */
export type Availability = { timeZone: string | null; hours: number[] };

export type LocalizedText = { ru?: string; en?: string };

export type TweepType = "consultation" | "work" | "files";

export type Tweep = {
  id: string;
  type: TweepType;
  status: string;
  languages: Locale[];
  title: LocalizedText;
  description: LocalizedText;
  category: string;
  videoPriceMinor?: number | null;
  textPriceMinor?: number | null;
  priceMinor?: number | null;
  providerId: string;
  providerName?: string | null;
};

/** The ledger's transaction kinds that touch a user's account (server/domain: postTransfer callers). */
export type MovementKind =
  | "top_up"
  | "payout"
  | "demo_credit"
  | "consultation_prepay"
  | "work_escrow"
  | "files_purchase"
  | "work_accepted"
  | "work_auto_accepted"
  | "order_cancelled_refund"
  | "order_closed_refund"
  | "work_refused_refund"
  | "dispute_resolution";

export type Movement = {
  id: string;
  createdAt: string;
  amountMinor: number;
  kind: MovementKind;
  memo: string | null;
  orderId: string | null;
};

export type Wallet = {
  balanceMinor: number;
  currency: string;
  movements: Movement[];
};

export type TopUpResponse = {
  topUp: { id: string; status: "completed" | "pending"; amountMinor: number; checkoutUrl: string | null };
  balanceMinor: number;
};

export type PayoutResponse = {
  payout: { id: string; amountMinor: number; status: string };
  balanceMinor: number;
};

export type AppConfig = {
  devOutbox: boolean;
  currency?: string;
  payments?: "development" | "stripe";
  billingBlockSeconds?: number;
  callRingSeconds?: number;
  heartbeatIntervalMs?: number;
  iceServers?: { urls: string | string[]; username?: string; credential?: string }[];
};

export type OutboxMessage = {
  id: string;
  channel: "sms" | "email";
  to: string;
  subject: string | null;
  body: string;
  createdAt: string;
};
