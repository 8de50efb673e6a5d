import { eq } from "drizzle-orm";
import { providerProfiles } from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { readLiveProfileFiles, toProfileFileView } from "./profile-files.ts";

/** SPEC 20: the provider's own profile as they edit it, with photos in every moderation state. */
export async function getMyProfile(ctx: AppContext, input: { userId: string }) {
  const [profile] = await ctx.db.select().from(providerProfiles).where(eq(providerProfiles.userId, input.userId));
  const files = await readLiveProfileFiles(ctx.db, input.userId, ["pending", "approved", "rejected"]);
  const photos = files.filter((file) => file.kind === "photo");
  return {
    bio: profile?.bio ?? {},
    experience: profile?.experience ?? "",
    education: profile?.education ?? "",
    languages: profile?.languages ?? [],
    region: profile?.region ?? null,
    photo: photos.find((file) => file.id === profile?.photoFileId) ? toProfileFileView(photos.find((file) => file.id === profile?.photoFileId)!) : null,
    /** The newest photo still waiting for a moderator, or the newest rejected one. */
    photoUnderReview: (() => {
      const latest = photos.filter((file) => file.id !== profile?.photoFileId).at(-1);
      return latest ? toProfileFileView(latest) : null;
    })(),
    gallery: files.filter((file) => file.kind === "gallery").map(toProfileFileView),
  };
}
