import { tweeps } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { toPublicTweep } from "./public-tweep.ts";
import { checkContent, toContentColumns, type TweepContent, type TweepType } from "./tweep-content.ts";

export type CreateTweepInput = { providerId: string; type: TweepType } & Omit<TweepContent, "videoPriceMinor" | "textPriceMinor" | "priceMinor" | "links" | "region"> &
  Partial<Pick<TweepContent, "videoPriceMinor" | "textPriceMinor" | "priceMinor" | "links" | "region">>;

/** SPEC 2: any registered user may write a tweep; it starts as a draft only its owner sees. */
export async function createTweep(ctx: AppContext, input: CreateTweepInput) {
  const content = checkContent(input.type, {
    languages: input.languages,
    title: input.title,
    description: input.description,
    category: input.category,
    videoPriceMinor: input.videoPriceMinor ?? null,
    textPriceMinor: input.textPriceMinor ?? null,
    priceMinor: input.priceMinor ?? null,
    links: input.links ?? null,
    region: input.region ?? null,
  });
  const now = ctx.now();
  const [created] = await ctx.db
    .insert(tweeps)
    .values({ providerId: input.providerId, type: input.type, status: "draft", ...toContentColumns(content), createdAt: now, updatedAt: now })
    .returning();
  return toPublicTweep(created!);
}
