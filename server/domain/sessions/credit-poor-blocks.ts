import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import { sessionBlockQuality } from "../../../db/schema.ts";
import { clockMsAt } from "./billing-rules.ts";
import { meteredOf, type MeteringConfig } from "./charge-owed-blocks.ts";
import { refundBlock } from "./session-money.ts";
import { blockMeteredOf } from "../packages/package-metering.ts";
import type { SessionRow } from "./session-view.ts";

/** SPEC 19: a block whose clock time was more than this share frozen or lossy is credited. */
export const POOR_BLOCK_SHARE = 0.2;

export type CreditLogger = { warn(fields: Record<string, unknown>, message: string): void };

/**
 * Credits back to the customer every charged block of the just-ended, locked `row` that the SFU
 * measured as poor (SPEC 19): impaired for more than a fifth of the clock time the block ran (a
 * last, partial block is judged on its own length). Runs in the transaction that ends the
 * session, after the blocks owed were settled, so a block given back for time after the end is
 * never credited as well. Each credit is the exact reverse of the block's charge, with its own
 * idempotency key, into the customer's balance ("Credited: poor connection"). A provider whose
 * balance no longer holds the block's share (paid out meanwhile) keeps it: that credit is skipped
 * and logged rather than failing the end of the session. Returns how many blocks were credited.
 */
export async function creditPoorBlocks(tx: Transaction, config: MeteringConfig, row: SessionRow, logger?: CreditLogger): Promise<number> {
  // A session on a minute package counts its blocks from where the package ran out (null: it
  // never did, so nothing was charged in blocks); drawn minutes are never credited (SPEC 18).
  const metered = blockMeteredOf(row, meteredOf(row));
  if (!metered || row.void || row.blocksCharged === 0 || !row.endedAt) return 0;
  const blockMs = config.billing.blockSeconds * 1000;
  const clockEndMs = clockMsAt(metered, row.endedAt);
  const measured = await tx
    .select()
    .from(sessionBlockQuality)
    .where(and(eq(sessionBlockQuality.sessionId, row.id), isNull(sessionBlockQuality.creditedAt), gt(sessionBlockQuality.impairedMs, 0)))
    .orderBy(asc(sessionBlockQuality.blockIndex));
  let credited = 0;
  for (const block of measured) {
    if (block.blockIndex >= row.blocksCharged) continue;
    const ranMs = Math.min(blockMs, clockEndMs - block.blockIndex * blockMs);
    if (ranMs <= 0 || block.impairedMs <= ranMs * POOR_BLOCK_SHARE) continue;
    try {
      // A savepoint: a credit the ledger refuses must not undo the end of the session.
      await tx.transaction(async (savepoint) => {
        await refundBlock(savepoint, config, row, block.blockIndex, {
          idempotencyKey: `session:${row.id}:quality-credit:${block.blockIndex}`,
          kind: "session_quality_credit",
          at: row.endedAt!,
        });
        await savepoint
          .update(sessionBlockQuality)
          .set({ creditedAt: row.endedAt })
          .where(and(eq(sessionBlockQuality.sessionId, row.id), eq(sessionBlockQuality.blockIndex, block.blockIndex)));
      });
      credited += 1;
    } catch (error) {
      logger?.warn({ err: error, sessionId: row.id, blockIndex: block.blockIndex }, "a poor block could not be credited");
    }
  }
  return credited;
}
