// The JSON shapes of the provider's own tweeps and of the moderators' queue (SPEC 2, 10;
// server/http/routes/tweep-routes.ts and moderation-routes.ts). Amounts are minor units.

import type { LocalizedText, TweepType } from "./api-types.ts";
import type { Locale } from "./locale.ts";

export type TweepStatus = "draft" | "pending" | "published" | "rejected" | "archived";

export const tweepStatuses: readonly TweepStatus[] = ["draft", "pending", "published", "rejected", "archived"];

export function isTweepStatus(value: string): value is TweepStatus {
  return (tweepStatuses as readonly string[]).includes(value);
}

/** What a provider writes and a moderator approves. */
export type TweepContent = {
  languages: Locale[];
  title: LocalizedText;
  description: LocalizedText;
  category: string;
  videoPriceMinor?: number;
  textPriceMinor?: number;
  priceMinor?: number;
  links?: string[];
  hasCover: boolean;
};

export type EditableTweep = TweepContent & {
  id: string;
  type: TweepType;
  status: string;
  providerId: string;
};

export type TweepRevision = TweepContent & {
  id: string;
  status: "pending" | "approved" | "rejected";
  rejectionReason: string | null;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
};

export type TweepFile = {
  id: string;
  kind: "deliverable" | "cover";
  fileName: string;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
};

/** GET /me/tweeps items. */
export type OwnTweep = EditableTweep & {
  rejectionReason: string | null;
  createdAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
  latestRevision: TweepRevision | null;
};

/** GET /tweeps/{id} as its owner sees it. */
export type OwnTweepPage = EditableTweep & {
  rejectionReason?: string | null;
  files?: TweepFile[];
  latestRevision?: TweepRevision | null;
};


/** GET /moderation/tweeps items: a first submission or an edit of a published tweep. */
export type ModerationQueueItem = {
  kind: "submission" | "revision";
  tweepId: string;
  revisionId: string | null;
  version: string;
  submittedAt: string;
  providerName: string;
  proposed: EditableTweep;
  published: EditableTweep | null;
};
