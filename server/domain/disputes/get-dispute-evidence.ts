import type { AppContext } from "../../context.ts";
import type { EvidencePack } from "../../../contract/reports.ts";
import type { Viewer } from "../orders/order-access.ts";
import { assembleEvidencePacks, loadOrderSessionsForEvidence } from "../reports/assemble-evidence-pack.ts";
import { loadDisputeFor } from "./dispute-access.ts";

/**
 * SPEC 17: a dispute on a consultation order carries the same evidence pack as a session
 * report, one per session of the order whose clock ran, with what of each is still pending
 * (what the moderator may give back).
 */
export async function getDisputeEvidence(ctx: AppContext, input: { disputeId: string; viewer: Viewer }): Promise<{ sessions: EvidencePack[] }> {
  const { order } = await loadDisputeFor(ctx.db, input.disputeId, input.viewer);
  if (order.type !== "consultation") return { sessions: [] };
  return { sessions: await assembleEvidencePacks(ctx.db, await loadOrderSessionsForEvidence(ctx.db, order.id)) };
}
