import { z } from "@hono/zod-openapi";
import { Localized } from "./common.ts";
import { multilineText } from "./free-text.ts";

/** SPEC 17: why a customer reports a session as not genuine. */
export const sessionReportReasons = ["provider_absent", "not_advertised", "technical_failure", "abusive", "other"] as const;
export const SessionReportReason = z.enum(sessionReportReasons);
export type SessionReportReason = z.infer<typeof SessionReportReason>;

const ReportText = multilineText().trim().min(1).max(2000);

export const ReportSessionRequest = z
  .strictObject({ reason: SessionReportReason, text: ReportText.optional() })
  .openapi({ description: "`text` is required when the reason is `other`" });
export type ReportSessionRequest = z.infer<typeof ReportSessionRequest>;

export const DecideReportRequest = z.strictObject({ reason: multilineText().trim().min(1).max(4000) });
export type DecideReportRequest = z.infer<typeof DecideReportRequest>;

export const SessionReport = z
  .object({
    id: z.uuid(),
    sessionId: z.uuid(),
    orderId: z.uuid(),
    customerId: z.uuid(),
    providerId: z.uuid(),
    reason: SessionReportReason,
    text: z.string().nullable(),
    status: z.enum(["open", "upheld", "dismissed"]),
    decisionReason: z.string().nullable(),
    /** What an upheld report gave back to the customer. */
    refundedMinor: z.number().int().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .openapi("SessionReport");
export type SessionReport = z.infer<typeof SessionReport>;

/** A session's report as its parties see it, and until when the customer may still report it. */
export const SessionReportStatus = z
  .object({ report: SessionReport.nullable(), reportableUntil: z.string().nullable(), canReport: z.boolean() })
  .openapi("SessionReportStatus");
export type SessionReportStatus = z.infer<typeof SessionReportStatus>;

/**
 * SPEC 17 evidence pack, assembled from the records: times, who ended it and why, blocks
 * charged, the quality figures SPEC 19 keeps, and the chat transcript.
 */
export const EvidencePack = z
  .object({
    sessionId: z.uuid(),
    orderId: z.uuid(),
    medium: z.enum(["video", "text"]),
    status: z.string(),
    answeredAt: z.string().nullable(),
    clockStartedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    endReason: z.string().nullable(),
    endedBy: z.enum(["customer", "provider", "system"]).nullable(),
    blockPriceMinor: z.number().int(),
    blocksCharged: z.number().int(),
    chargedMinor: z.number().int(),
    blocksRefunded: z.number().int(),
    blocksCredited: z.number().int(),
    /** Still in the provider's pending earnings, so returnable. */
    pendingMinor: z.number().int(),
    quality: z.object({
      pausedTotalMs: z.number().int(),
      mediaSeenAt: z.string().nullable(),
      void: z.boolean(),
    }),
    transcript: z.array(z.object({ authorRole: z.enum(["customer", "provider"]), body: z.string(), createdAt: z.string() })),
  })
  .openapi("EvidencePack");
export type EvidencePack = z.infer<typeof EvidencePack>;

export const ModerationReport = SessionReport.extend({
  title: Localized,
  evidence: EvidencePack,
}).openapi("ModerationReport");
export type ModerationReport = z.infer<typeof ModerationReport>;
