import { providerProfiles } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { getMyProfile } from "./get-my-profile.ts";

export type ProfileChanges = {
  bio?: { ru?: string; en?: string };
  experience?: string;
  education?: string;
  languages?: string[];
  region?: string | null;
};

/** SPEC 20: the texts of the profile. They are shown at once; the photos are what moderators see first. */
export async function updateMyProfile(ctx: AppContext, input: { userId: string; changes: ProfileChanges }) {
  const now = ctx.now();
  const { bio, experience, education, languages, region } = input.changes;
  const set = {
    ...(bio === undefined ? {} : { bio: Object.fromEntries(Object.entries(bio).filter(([, text]) => text && text.trim() !== "")) }),
    ...(experience === undefined ? {} : { experience }),
    ...(education === undefined ? {} : { education }),
    ...(languages === undefined ? {} : { languages: [...new Set(languages)] }),
    ...(region === undefined ? {} : { region: region && region.trim() !== "" ? region.trim() : null }),
    updatedAt: now,
  };
  await ctx.db
    .insert(providerProfiles)
    .values({ userId: input.userId, ...set })
    .onConflictDoUpdate({ target: providerProfiles.userId, set });
  return getMyProfile(ctx, { userId: input.userId });
}
