"use client";

import { Star } from "lucide-react";
import { useId } from "react";
import { useTranslations } from "use-intl";

const ratings = [1, 2, 3, 4, 5] as const;

/** The 1–5 star choice of every review form: real radio buttons under the stars. */
export function ReviewStars({ rating, onChange }: { rating: number | null; onChange: (rating: number) => void }) {
  const t = useTranslations("review");
  const legendId = useId();
  return (
    <fieldset role="radiogroup" aria-labelledby={legendId}>
      <legend id={legendId} className="mb-1.5 block text-sm font-medium text-slate-700">
        {t("rating")}
      </legend>
      <div className="flex gap-1">
        {ratings.map((value) => {
          const filled = rating !== null && value <= rating;
          return (
            <label
              key={value}
              className="relative cursor-pointer rounded-md p-1 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600"
            >
              {/* Transparent over its star, so a tap on the star is a tap on the radio. */}
              <input
                type="radio"
                name="rating"
                value={value}
                checked={rating === value}
                onChange={() => onChange(value)}
                className="absolute inset-0 size-full cursor-pointer appearance-none opacity-0"
              />
              <Star aria-hidden="true" className={`size-7 ${filled ? "fill-amber-400 text-amber-500" : "text-slate-300"}`} />
              <span className="sr-only">{t("stars", { count: value })}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A shown rating as stars, with the number for screen readers. */
export function RatingStars({ rating }: { rating: number }) {
  const t = useTranslations("review");
  return (
    <span className="inline-flex items-center gap-0.5" role="img" aria-label={t("stars", { count: rating })}>
      {ratings.map((value) => (
        <Star key={value} aria-hidden="true" className={`size-4 ${value <= rating ? "fill-amber-400 text-amber-500" : "text-slate-300"}`} />
      ))}
    </span>
  );
}
