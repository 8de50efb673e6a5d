import type { ProviderStatus } from "../../../db/schema.ts";
import { isOpenAt, nextOpeningAfter, type OpenHours } from "../availability/open-hours.ts";

/** Why a customer cannot start a chat now (SPEC 15), in the order the card explains them. */
export type UncallableReason = "offline" | "busy" | "paused" | "not_set" | "channel_off" | "outside_hours";
export type Medium = "video" | "text";

export type ProviderFacts = {
  online: boolean;
  chosen: ProviderStatus;
  inSession: boolean;
  pausedUntil: Date | null;
  channels: { video: boolean; text: boolean };
  grid: OpenHours;
};

export type Callability = {
  callable: boolean;
  reason?: UncallableReason;
  /** When it may change by itself: the next open hour, or the end of a pause. */
  opensAt?: string;
  /** "Join the queue" is possible: on the site and open, but in a session, busy or paused. */
  queueOpen: boolean;
};

/**
 * Whether a customer can call now, and if not, the first reason a person would fix or wait
 * out: not on the site, not working (Not set), outside open hours, the channel off, paused,
 * busy. With a medium the channel of that medium counts; without one, a provider with both
 * channels off is "channel_off".
 */
export function decideCallability(facts: ProviderFacts, options: { now: Date; medium?: Medium }): Callability {
  const refuse = (reason: UncallableReason, extra: { opensAt?: Date | null; queueOpen?: boolean } = {}): Callability => ({
    callable: false,
    reason,
    ...(extra.opensAt ? { opensAt: extra.opensAt.toISOString() } : {}),
    queueOpen: extra.queueOpen ?? false,
  });
  if (!facts.online) return refuse("offline");
  if (facts.chosen === "not_set") return refuse("not_set");
  if (!isOpenAt(facts.grid, options.now)) return refuse("outside_hours", { opensAt: nextOpeningAfter(facts.grid, options.now) });
  const channelOn = options.medium ? facts.channels[options.medium] : facts.channels.video || facts.channels.text;
  if (!channelOn) return refuse("channel_off");
  if (facts.chosen === "paused") return refuse("paused", { opensAt: facts.pausedUntil, queueOpen: true });
  if (facts.inSession || facts.chosen === "busy") return refuse("busy", { queueOpen: true });
  return { callable: true, queueOpen: false };
}
