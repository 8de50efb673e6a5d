import type { Transaction } from "../../../db/client.ts";
import type { Config } from "../../context.ts";
import { blockDueAt, type MeteredSession } from "./billing-rules.ts";
import { chargeBlock } from "./session-money.ts";
import type { SessionRow } from "./session-view.ts";

export type MeteringConfig = Pick<Config, "currency" | "commissionPercent" | "billing">;

export function meteredOf(row: SessionRow): MeteredSession | null {
  if (!row.clockStartedAt) return null;
  return { clockStartedAt: row.clockStartedAt, usesPrepaidBlock: row.usesPrepaidBlock, firstSession: row.firstSession };
}

/**
 * Charges blocks `row.blocksCharged … owed-1` in order, inside the caller's transaction with
 * the session row locked. Stops at the first block the customer's balance cannot pay and
 * says where that block began, so the caller can end the session there.
 */
export async function chargeOwedBlocks(tx: Transaction, config: MeteringConfig, row: SessionRow, metered: MeteredSession, owed: number) {
  let index = row.blocksCharged;
  for (; index < owed; index += 1) {
    if ((await chargeBlock(tx, config, row, index)) === "unpaid") {
      // Block 0 begins with the clock; a boundary block is due one millisecond after its boundary.
      const unpaidFrom = index === 0 ? metered.clockStartedAt : new Date(blockDueAt(metered, index, config.billing).getTime() - 1);
      return { blocksCharged: index, charged: index - row.blocksCharged, unpaidFrom };
    }
  }
  return { blocksCharged: index, charged: index - row.blocksCharged, unpaidFrom: null };
}
