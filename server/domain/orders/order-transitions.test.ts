import { describe, expect, it } from "vitest";
import { orderStatuses, type OrderStatus } from "../../../db/schema.ts";
import type { OrderRow } from "./order-access.ts";
import { orderTransitions, orderVerbs } from "./order-transitions.ts";
import { availableActions } from "./order-view.ts";

const customerId = "customer";
const providerId = "provider";

function orderIn(status: OrderStatus, extra: Partial<OrderRow> = {}): OrderRow {
  const type = ["open", "cancelled", "closed"].includes(status) ? "consultation" : status === "paid" ? "files" : "work";
  return { id: "order", customerId, providerId, status, type, prepaidBlockUsed: false, ...extra } as OrderRow;
}

// The card's buttons for each state, written out from SPEC 5, 6 and 8 rather than from the
// table, so a change to the table that changes behaviour shows up here.
const cases: { status: OrderStatus; viewer: string; frozen?: boolean; blockUsed?: boolean; reviewed?: boolean; expected: string[] }[] = [
  { status: "open", viewer: customerId, expected: ["cancel", "close", "dispute"] },
  { status: "open", viewer: customerId, blockUsed: true, expected: ["close", "dispute"] },
  { status: "open", viewer: customerId, frozen: true, expected: [] },
  { status: "open", viewer: providerId, expected: ["dispute"] },
  { status: "in_progress", viewer: providerId, expected: ["refuse", "deliver", "dispute"] },
  { status: "in_progress", viewer: providerId, frozen: true, expected: ["deliver"] },
  { status: "in_progress", viewer: customerId, expected: ["dispute"] },
  { status: "delivered", viewer: customerId, expected: ["accept", "return", "dispute"] },
  { status: "delivered", viewer: customerId, frozen: true, expected: ["return"] },
  { status: "delivered", viewer: providerId, expected: ["dispute"] },
  { status: "accepted", viewer: customerId, expected: ["review", "dispute"] },
  { status: "accepted", viewer: customerId, reviewed: true, expected: ["dispute"] },
  { status: "paid", viewer: customerId, expected: ["review", "dispute"] },
  { status: "refused", viewer: providerId, expected: ["dispute"] },
  { status: "cancelled", viewer: customerId, expected: ["dispute"] },
  { status: "closed", viewer: "stranger", expected: [] },
];

describe("the order state table", () => {
  it.each(cases)("$status seen by $viewer (frozen $frozen, block used $blockUsed) offers $expected", (c) => {
    const order = orderIn(c.status, { prepaidBlockUsed: c.blockUsed ?? false });
    const actions = availableActions(order, c.viewer, { openDisputeId: c.frozen ? "dispute" : null, reviewed: c.reviewed ?? false });
    expect(actions).toEqual(c.expected);
  });

  it("offers a verb exactly in the states its row moves from, to the party its row names", () => {
    for (const status of orderStatuses) {
      for (const viewer of [customerId, providerId]) {
        const offered = availableActions(orderIn(status), viewer, { openDisputeId: null, reviewed: true });
        const fromTable = orderVerbs.filter((verb) => {
          const rule = orderTransitions[verb];
          return (rule.from as readonly string[]).includes(status) && (rule.by === "customer") === (viewer === customerId);
        });
        expect(offered.filter((action) => action !== "dispute")).toEqual(fromTable);
      }
    }
  });

  it("moves every verb into a different state than it starts from", () => {
    for (const verb of orderVerbs) expect(orderTransitions[verb].from).not.toContain(orderTransitions[verb].to);
  });
});
