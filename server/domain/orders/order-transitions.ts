import type { OrderStatus } from "../../../db/schema.ts";

/**
 * The order state machine in one table (SPEC 5 and 6): for each verb, who may use it, from
 * which states, and into which state it moves the order. The verb files pass their row to
 * the guarded UPDATE (`transitionOrder`) and the order card's buttons (`availableActions`)
 * read the same rows, so the two can no longer disagree.
 *
 * `frozenByDispute`: refused while a dispute is open (SPEC 8: held money stays frozen).
 * `needsUnusedBlock`: only while the consultation's prepaid block is unused (SPEC 5).
 */
export const orderTransitions = {
  cancel: { by: "customer", from: ["open"], to: "cancelled", frozenByDispute: true, needsUnusedBlock: true },
  close: { by: "customer", from: ["open"], to: "closed", frozenByDispute: true, needsUnusedBlock: false },
  accept: { by: "customer", from: ["delivered"], to: "accepted", frozenByDispute: true, needsUnusedBlock: false },
  return: { by: "customer", from: ["delivered"], to: "in_progress", frozenByDispute: false, needsUnusedBlock: false },
  refuse: { by: "provider", from: ["in_progress"], to: "refused", frozenByDispute: true, needsUnusedBlock: false },
  deliver: { by: "provider", from: ["in_progress"], to: "delivered", frozenByDispute: false, needsUnusedBlock: false },
} as const satisfies Record<
  string,
  { by: "customer" | "provider"; from: readonly OrderStatus[]; to: OrderStatus; frozenByDispute: boolean; needsUnusedBlock: boolean }
>;

export type OrderVerb = keyof typeof orderTransitions;
export const orderVerbs = Object.keys(orderTransitions) as OrderVerb[];
