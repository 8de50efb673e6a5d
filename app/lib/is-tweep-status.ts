import type { TweepStatus } from "../../contract/tweeps.ts";

// The record makes the compiler list every status of the contract here, so a new one
// cannot be forgotten; a status this page does not know yet is shown as it came.
const knownStatuses: Record<TweepStatus, true> = { draft: true, pending: true, published: true, rejected: true, archived: true };

export function isTweepStatus(value: string): value is TweepStatus {
  return Object.hasOwn(knownStatuses, value);
}
