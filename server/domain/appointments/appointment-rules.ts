import type { AppointmentStatus } from "../../../db/schema.ts";

// SPEC 16 "Statuses": who may move an appointment from which status to which, and where
// its held money goes. Pure and table-tested; the use cases apply them with guarded updates.

export type AppointmentAction = "accept" | "reject" | "cancel" | "no_show";
export type Party = "customer" | "provider";

/** The statuses an action may start from, per party. */
const allowed: Record<AppointmentAction, Partial<Record<Party, readonly AppointmentStatus[]>>> = {
  accept: { provider: ["pending"] },
  reject: { provider: ["pending"] },
  cancel: { customer: ["pending", "accepted"], provider: ["accepted"] },
  no_show: { customer: ["accepted"], provider: ["accepted"] },
};

export function allowedFrom(action: AppointmentAction, party: Party): readonly AppointmentStatus[] {
  return allowed[action][party] ?? [];
}

/** What the held price becomes: to the provider (gross, commission taken from it) and back to the customer. */
export type Split = { toProviderMinor: bigint; toCustomerMinor: bigint };

/**
 * A cancellation's split of the hold (SPEC 16): the provider cancelling (or rejecting)
 * refunds everything; the customer cancelling at least `freeCancelHours` before the start
 * is refunded in full, later the first block goes to the provider and the rest is refunded.
 * A pending request cancelled by the customer was never accepted: refunded in full.
 */
export function splitOnCancel(input: {
  by: Party;
  status: AppointmentStatus;
  heldMinor: bigint;
  blockPriceMinor: bigint;
  startsAt: Date;
  now: Date;
  freeCancelHours: number;
}): Split {
  const free =
    input.by === "provider" ||
    input.status === "pending" ||
    input.startsAt.getTime() - input.now.getTime() >= input.freeCancelHours * 3_600_000;
  if (free) return { toProviderMinor: 0n, toCustomerMinor: input.heldMinor };
  return firstBlockToProvider(input.heldMinor, input.blockPriceMinor);
}

/** No-show (SPEC 16): the provider's → full refund; the customer's → first block to the provider, the rest back. */
export function splitOnNoShow(input: { absent: Party; heldMinor: bigint; blockPriceMinor: bigint }): Split {
  if (input.absent === "provider") return { toProviderMinor: 0n, toCustomerMinor: input.heldMinor };
  return firstBlockToProvider(input.heldMinor, input.blockPriceMinor);
}

function firstBlockToProvider(heldMinor: bigint, blockPriceMinor: bigint): Split {
  const toProviderMinor = heldMinor < blockPriceMinor ? heldMinor : blockPriceMinor;
  return { toProviderMinor, toCustomerMinor: heldMinor - toProviderMinor };
}

/**
 * Who may mark a no-show, decided from the record (SPEC 16), never from a party's word:
 * the customer when the provider was not seen on the site from the start until the mark
 * became possible; the provider when they were seen and the customer never called.
 */
export function decideNoShow(input: {
  claimedAbsent: Party;
  startsAt: Date;
  now: Date;
  noShowMinutes: number;
  providerSeenAt: Date | null;
  customerCalled: boolean;
}): { allowed: true } | { allowed: false; reason: "too_early" | "provider_was_there" | "provider_was_absent" | "customer_called" } {
  const markableAt = input.startsAt.getTime() + input.noShowMinutes * 60_000;
  if (input.now.getTime() < markableAt) return { allowed: false, reason: "too_early" };
  const providerPresent = input.providerSeenAt !== null && input.providerSeenAt.getTime() <= markableAt;
  if (input.claimedAbsent === "provider") {
    if (providerPresent) return { allowed: false, reason: "provider_was_there" };
    return { allowed: true };
  }
  if (!providerPresent) return { allowed: false, reason: "provider_was_absent" };
  if (input.customerCalled) return { allowed: false, reason: "customer_called" };
  return { allowed: true };
}
