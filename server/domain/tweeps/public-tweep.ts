import { contentOf, type TweepRow } from "./tweep-content.ts";

/** SPEC 13's tweep shape: absent prices and links are left out, amounts are numbers. */
export function toPublicTweep(tweep: TweepRow) {
  const content = contentOf(tweep);
  return {
    id: tweep.id,
    type: tweep.type,
    status: tweep.status,
    languages: content.languages,
    title: content.title,
    description: content.description,
    category: content.category,
    videoPriceMinor: content.videoPriceMinor ?? undefined,
    textPriceMinor: content.textPriceMinor ?? undefined,
    priceMinor: content.priceMinor ?? undefined,
    links: content.links ?? undefined,
    providerId: tweep.providerId,
    hasCover: tweep.coverFileId !== null,
  };
}
