import { and, eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { profileFiles, providerProfiles } from "../../../db/schema.ts";

/** One line of a card: longer texts are cut here, the page clips the rest visually. */
export const SHORT_LINE_CHARS = 160;

/**
 * SPEC 20's short profile on tweep pages and catalog cards: the approved photo, the first
 * line of the bio (per language) and of the experience, and the region. Read in the same
 * query as the tweeps by joining `providerProfiles` on the provider and `approvedPhoto` on
 * `approvedPhotoOn` (left joins: most users have no profile), so a page of cards costs no
 * extra query per provider. The photo is joined on its status too: only an approved photo
 * is ever public, whatever pointer the profile holds.
 */
export const approvedPhoto = alias(profileFiles, "short_profile_photo");
export const approvedPhotoOn = and(eq(approvedPhoto.id, providerProfiles.photoFileId), eq(approvedPhoto.status, "approved"));

const firstLine = (text: SQL | typeof providerProfiles.experience) =>
  sql<string | null>`nullif(left(btrim(split_part(${text}, E'\\n', 1), E' \\t\\r'), ${sql.raw(String(SHORT_LINE_CHARS))}), '')`;

/** Flat columns (a nested object of a left join would be read as null when all are null). */
export const shortProfileColumns = {
  shortPhotoId: approvedPhoto.id,
  shortBioRu: firstLine(sql`${providerProfiles.bio}->>'ru'`),
  shortBioEn: firstLine(sql`${providerProfiles.bio}->>'en'`),
  shortExperience: firstLine(providerProfiles.experience),
  shortRegion: providerProfiles.region,
};

export type ShortProfileRow = {
  shortPhotoId: string | null;
  shortBioRu: string | null;
  shortBioEn: string | null;
  shortExperience: string | null;
  shortRegion: string | null;
};

export function toShortProfile(row: ShortProfileRow) {
  return {
    photoUrl: row.shortPhotoId ? `/api/v1/profile-files/${row.shortPhotoId}` : null,
    bio: { ...(row.shortBioRu ? { ru: row.shortBioRu } : {}), ...(row.shortBioEn ? { en: row.shortBioEn } : {}) },
    experience: row.shortExperience,
    region: row.shortRegion,
  };
}
