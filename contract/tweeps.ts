import { z } from "@hono/zod-openapi";
import { Availability } from "./availability.ts";
import { Language, Localized, ProviderStatus, TweepType } from "./common.ts";
import { PublicProfile, ShortProfile } from "./people.ts";

// Tweeps as the catalog, their owners and the moderators see them. Request bodies (new tweep,
// changes, catalog query) stay beside their routes: they carry the domain's limits.

export const tweepStatuses = ["draft", "pending", "published", "rejected", "archived"] as const;
export type TweepStatus = (typeof tweepStatuses)[number];

/** What a provider writes: shared by a tweep and its pending revision. */
export const TweepContentFields = {
  languages: z.array(Language),
  title: Localized,
  description: Localized,
  category: z.string(),
  videoPriceMinor: z.number().int().optional(),
  textPriceMinor: z.number().int().optional(),
  priceMinor: z.number().int().optional(),
  links: z.array(z.string()).optional(),
  region: z.string().optional().openapi({ description: "SPEC 20: where the service is offered; absent when the tweep names none" }),
  hasCover: z.boolean(),
};
export const TweepContent = z.object(TweepContentFields);
export type TweepContent = z.infer<typeof TweepContent>;

export const Tweep = z
  .object({
    id: z.uuid(),
    type: TweepType,
    status: z.string(),
    ...TweepContentFields,
    providerId: z.uuid(),
  })
  .openapi("Tweep");
export type Tweep = z.infer<typeof Tweep>;

export const ProviderFields = {
  providerName: z.string(),
  providerStatus: ProviderStatus.openapi({ description: "What customers see: busy during a session, else the provider's choice" }),
  providerOnline: z.boolean().openapi({ description: "On the site now (a page of theirs sent a heartbeat lately)" }),
  ratingAverage: z.number().nullable().openapi({ description: "Plain average of review ratings; null without reviews" }),
  ratingCount: z.number().int(),
  providerProfile: ShortProfile,
};
export const ProviderSummary = z.object(ProviderFields);
export type ProviderSummary = z.infer<typeof ProviderSummary>;

export const CatalogTweep = Tweep.extend(ProviderFields).openapi("CatalogTweep");
export type CatalogTweep = z.infer<typeof CatalogTweep>;

export const CatalogPage = z.object({
  items: z.array(CatalogTweep),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CatalogPage = z.infer<typeof CatalogPage>;

export const Category = z.object({ id: z.string(), name: z.object({ ru: z.string(), en: z.string() }) });
export type Category = z.infer<typeof Category>;

export const Revision = z
  .object({
    id: z.uuid(),
    status: z.enum(["pending", "approved", "rejected"]),
    rejectionReason: z.string().nullable(),
    ...TweepContentFields,
    createdAt: z.string(),
    updatedAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .openapi("TweepRevision");
export type TweepRevision = z.infer<typeof Revision>;

export const FileInfo = z
  .object({
    id: z.uuid(),
    kind: z.enum(["deliverable", "cover"]),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    createdAt: z.string(),
  })
  .openapi("TweepFile");
export type TweepFile = z.infer<typeof FileInfo>;

/** `GET /me/tweeps` items. */
export const OwnTweep = Tweep.extend({
  rejectionReason: z.string().nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  latestRevision: Revision.nullable(),
}).openapi("OwnTweep");
export type OwnTweep = z.infer<typeof OwnTweep>;

/** `GET /tweeps/{id}`: the public page, with files and the pending revision for owner and moderators. */
export const TweepPage = Tweep.extend({
  ...ProviderFields,
  rejectionReason: z.string().nullable().optional(),
  submittedAt: z.string().nullable().optional(),
  publishedAt: z.string().nullable().optional(),
  files: z.array(FileInfo).optional().openapi({ description: "Owner and moderators only" }),
  latestRevision: Revision.nullable().optional().openapi({ description: "Owner and moderators only" }),
}).openapi("TweepPage");
export type TweepPage = z.infer<typeof TweepPage>;

/** `GET /moderation/tweeps` items: a first submission or an edit of a published tweep. */
export const ModerationQueueItem = z
  .object({
    kind: z.enum(["submission", "revision"]),
    tweepId: z.uuid(),
    revisionId: z.uuid().nullable(),
    version: z.string().openapi({ description: "Send it back with the decision: a later edit by the provider makes it 409 revision_changed" }),
    submittedAt: z.string(),
    providerName: z.string(),
    proposed: Tweep,
    published: Tweep.nullable(),
    files: z.array(FileInfo),
  })
  .openapi("ModerationQueueItem");
export type ModerationQueueItem = z.infer<typeof ModerationQueueItem>;

/** `GET /providers/{id}`: the provider's page. */
export const Provider = z
  .object({
    id: z.uuid(),
    name: z.string(),
    providerStatus: ProviderStatus,
    providerOnline: z.boolean(),
    ratingAverage: z.number().nullable(),
    ratingCount: z.number().int(),
    availability: Availability,
    tweeps: z.array(CatalogTweep),
    tweepCount: z.number().int(),
    /** SPEC 20: photo, texts, figures and reviews. */
    profile: PublicProfile,
  })
  .openapi("Provider");
export type Provider = z.infer<typeof Provider>;
