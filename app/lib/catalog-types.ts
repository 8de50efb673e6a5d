// The catalog's JSON shapes beyond the plain tweep (server/http/routes/catalog-routes.ts,
// tweep-routes.ts and provider-routes.ts).

import type { Availability, Tweep } from "./api-types.ts";

export type ProviderStatus = "available" | "busy" | "not_set";

export type ProviderSummary = {
  providerName: string;
  providerStatus: ProviderStatus;
  /** On the site now; an offline provider cannot be called whatever their status. */
  providerOnline?: boolean;
  /** Plain average of review ratings; null without reviews. */
  ratingAverage: number | null;
  ratingCount: number;
};

export type CatalogTweep = Tweep & ProviderSummary & { hasCover?: boolean };

export type CatalogPage = { items: CatalogTweep[]; total: number; page: number; pageSize: number };

export type Category = { id: string; name: { ru: string; en: string } };

export type Provider = {
  id: string;
  name: string;
  providerStatus: ProviderStatus;
  providerOnline?: boolean;
  ratingAverage: number | null;
  ratingCount: number;
  availability: Availability;
  tweeps: CatalogTweep[];
  tweepCount: number;
  /** SPEC 20: photo, texts, figures and reviews (absent from older servers' answers). */
  profile?: PublicProfile;
};

// ---- People (SPEC 20): the provider's profile ----
export type PublicProfile = {
  photoUrl: string | null;
  bio: { ru?: string; en?: string };
  experience: string;
  education: string;
  languages: string[];
  region: string | null;
  gallery: string[];
  figures: { sessionsHeld: number; responseRate: number | null; memberSince: string | null };
  reviews: { rating: number; body: string; authorName: string; createdAt: string }[];
};
