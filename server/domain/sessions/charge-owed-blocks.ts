import type { Transaction } from "../../../db/client.ts";
import type { Config } from "../../context.ts";
import { blockDueAt, type MeteredSession } from "./billing-rules.ts";
import { chargeBlock, refundBlock } from "./session-money.ts";
import type { SessionRow } from "./session-view.ts";

export type MeteringConfig = Pick<Config, "currency" | "commissionPercent" | "billing" | "clearanceHours">;

export function meteredOf(row: SessionRow): MeteredSession | null {
  if (!row.clockStartedAt) return null;
  return {
    clockStartedAt: row.clockStartedAt,
    usesPrepaidBlock: row.usesPrepaidBlock,
    firstSession: row.firstSession,
    pausedTotalMs: row.pausedTotalMs,
    pausedAt: row.pausedAt,
  };
}

export type BlockSettlement = { blocksCharged: number; blocksRefunded: number; charged: number; unpaidFrom: Date | null };

/**
 * Brings the blocks charged to exactly `owed`, inside the caller's transaction with the
 * session row locked: charges blocks `row.blocksCharged … owed-1` in order, or gives back the
 * blocks charged beyond `owed` (SPEC 19: a block whose boundary fell after the recorded end
 * is never kept; SPEC 18: a short session keeps none). Stops at the first block the
 * customer's balance cannot pay and says where that block began, so the caller can end the
 * session there. `charged` counts ledger movements either way, for the wallets to refresh.
 */
export async function chargeOwedBlocks(tx: Transaction, config: MeteringConfig, row: SessionRow, metered: MeteredSession, owed: number): Promise<BlockSettlement> {
  let blocksRefunded = row.blocksRefunded;
  let index = row.blocksCharged;
  if (owed < index) {
    for (; index > owed; index -= 1) {
      blocksRefunded += 1;
      // One key per refund, in the order they happen: the row lock makes the count exact.
      await refundBlock(tx, config, row, index - 1, {
        idempotencyKey: `session:${row.id}:refund:${blocksRefunded}`,
        kind: "session_block_refund",
        at: blockDueAt(metered, index - 1, config.billing),
      });
    }
    return { blocksCharged: index, blocksRefunded, charged: row.blocksCharged - index, unpaidFrom: null };
  }
  for (; index < owed; index += 1) {
    if ((await chargeBlock(tx, config, row, index, blockDueAt(metered, index, config.billing))) === "unpaid") {
      // A boundary block is due one millisecond after its boundary; block 0 never before the clock.
      const unpaidFrom = new Date(Math.max(metered.clockStartedAt.getTime(), blockDueAt(metered, index, config.billing).getTime() - 1));
      return { blocksCharged: index, blocksRefunded, charged: index - row.blocksCharged, unpaidFrom };
    }
  }
  return { blocksCharged: index, blocksRefunded, charged: index - row.blocksCharged, unpaidFrom: null };
}
