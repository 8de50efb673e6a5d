"use client";

import { useLocale, useTranslations } from "use-intl";
import type { ShortProfile } from "../../contract/people.ts";
import { pickLocalized } from "../lib/pick-localized.ts";

/**
 * SPEC 20's short profile on catalog cards and tweep pages: the approved photo as a thumbnail,
 * one line of bio (or experience when there is no bio) and the region. Renders nothing for a
 * provider who has written nothing and has no approved photo.
 */
export function ProviderShortProfile({ profile, name, size = "small" }: { profile: ShortProfile | undefined; name: string; size?: "small" | "large" }) {
  const t = useTranslations("tweep");
  const locale = useLocale();
  if (!profile) return null;
  const bio = pickLocalized(profile.bio, locale);
  const line = bio ?? (profile.experience ? { value: profile.experience, lang: undefined } : null);
  if (!profile.photoUrl && !line && !profile.region) return null;
  const photoSize = size === "large" ? "size-14" : "size-10";
  return (
    <div className="flex min-w-0 items-center gap-3">
      {profile.photoUrl ? (
        // A moderated user image of any size; a plain <img> keeps it simple, as with covers.
        <img
          src={profile.photoUrl}
          alt={t("providerPhotoAlt", { name })}
          width={size === "large" ? 56 : 40}
          height={size === "large" ? 56 : 40}
          loading="lazy"
          className={`${photoSize} shrink-0 rounded-full border border-slate-200 bg-slate-100 object-cover`}
        />
      ) : null}
      <div className="min-w-0 text-sm">
        {line ? (
          <p lang={line.lang} className="truncate text-slate-700" title={line.value}>
            {line.value}
          </p>
        ) : null}
        {profile.region ? <p className="truncate text-xs text-slate-500">{t("providerRegion", { region: profile.region })}</p> : null}
      </div>
    </div>
  );
}
