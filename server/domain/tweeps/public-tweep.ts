import { toContentView, type TweepRow } from "./tweep-content.ts";

/** SPEC 13's tweep shape: absent prices and links are left out, amounts are numbers. */
export function toPublicTweep(tweep: TweepRow) {
  return { id: tweep.id, type: tweep.type, status: tweep.status, ...toContentView(tweep), providerId: tweep.providerId };
}
