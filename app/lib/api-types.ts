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
  providerStatus: "available" | "busy" | "not_set" | null;
};

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

export type MovementKind =
  | "top_up"
  | "payout"
  | "demo_credit"
  | "order_hold"
  | "order_release"
  | "refund"
  | "charge"
  | "commission"
  | "dispute";

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
};

export type OutboxMessage = {
  id: string;
  channel: "sms" | "email";
  to: string;
  subject: string | null;
  body: string;
  createdAt: string;
};
