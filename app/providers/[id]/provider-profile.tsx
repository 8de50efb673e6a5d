"use client";

import { Star } from "lucide-react";
import { useLocale, useTranslations } from "use-intl";
import type { PublicProfile } from "../../../contract/people.ts";
import { formatDateTime } from "../../lib/format-date-time.ts";
import type { Locale } from "../../lib/locale.ts";
import { pickLocalized } from "../../lib/pick-localized.ts";

/** SPEC 20: the provider's profile on their page: photo, bio, experience, figures, gallery, reviews. */
export function ProviderProfile({ profile, name }: { profile: PublicProfile; name: string }) {
  const t = useTranslations("profile");
  const locale = useLocale();
  const bio = pickLocalized(profile.bio, locale as Locale);
  const since = profile.figures.memberSince ? new Date(profile.figures.memberSince).getFullYear() : null;
  return (
    <section aria-label={t("sectionLabel")} className="mb-10 max-w-3xl space-y-4">
      <div className="flex flex-wrap items-start gap-4">
        {profile.photoUrl ? (
          <img src={profile.photoUrl} alt={t("photoAlt", { name })} width={96} height={96} className="size-24 rounded-full object-cover" />
        ) : null}
        <dl className="grid grid-cols-3 gap-4 text-sm">
          <div>
            <dt className="text-slate-500">{t("sessionsHeld")}</dt>
            <dd className="font-semibold text-slate-900">{profile.figures.sessionsHeld}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("responseRate")}</dt>
            <dd className="font-semibold text-slate-900">{profile.figures.responseRate === null ? "—" : `${profile.figures.responseRate}%`}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("memberSince")}</dt>
            <dd className="font-semibold text-slate-900">{since ?? "—"}</dd>
          </div>
        </dl>
      </div>
      {bio ? <p lang={bio.lang} className="whitespace-pre-wrap text-slate-700">{bio.value}</p> : null}
      {profile.experience ? (
        <p className="text-sm text-slate-700">
          <span className="font-semibold">{t("experience")}: </span>
          {profile.experience}
        </p>
      ) : null}
      {profile.education ? (
        <p className="text-sm text-slate-700">
          <span className="font-semibold">{t("education")}: </span>
          {profile.education}
        </p>
      ) : null}
      {profile.languages.length || profile.region ? (
        <p className="text-sm text-slate-700">
          {profile.languages.length ? `${t("languages")}: ${profile.languages.join(", ")}` : null}
          {profile.languages.length && profile.region ? " · " : null}
          {profile.region ? `${t("region")}: ${profile.region}` : null}
        </p>
      ) : null}
      {profile.gallery.length ? (
        <ul aria-label={t("gallery")} className="flex flex-wrap gap-2">
          {profile.gallery.map((url, index) => (
            <li key={url}>
              <img src={url} alt={t("galleryImage", { index: index + 1 })} className="size-28 rounded-lg object-cover" />
            </li>
          ))}
        </ul>
      ) : null}
      {profile.reviews.length ? (
        <div>
          <h2 className="text-lg font-semibold text-slate-900">{t("reviews")}</h2>
          <ul className="mt-2 space-y-2">
            {profile.reviews.map((review) => (
              <li key={review.createdAt + review.authorName} className="rounded-lg border border-slate-200 p-3 text-sm">
                <p className="flex items-center gap-1 font-medium text-slate-900">
                  <Star aria-hidden="true" className="size-4 fill-amber-400 text-amber-400" />
                  <span>{t("ratingOf", { rating: review.rating })}</span>
                  <span className="text-slate-500">· {review.authorName || t("anonymous")} · {formatDateTime(review.createdAt, locale, null)}</span>
                </p>
                <p className="mt-1 whitespace-pre-wrap text-slate-700">{review.body}</p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
