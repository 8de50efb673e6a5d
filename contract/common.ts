import { z } from "@hono/zod-openapi";
import { singleLineText } from "./free-text.ts";

// Shapes every area of the wire shares. Amounts are integers in minor units; request bodies
// are strict (unknown fields are errors), responses are plain objects.

/** Ten million major units: far above any real top-up, far below 2^53. */
export const MAX_AMOUNT_MINOR = 1_000_000_000;

export const AmountMinor = z
  .number()
  .int()
  .min(1)
  .max(MAX_AMOUNT_MINOR)
  .openapi({ description: "Integer amount in minor units (kopecks for RUB)", example: 150000 });

/** Every refusal, over HTTP (4xx body) and in a socket ack. */
export const ErrorBody = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .openapi("Error");
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Language = z.enum(["ru", "en"]);
export type Language = z.infer<typeof Language>;

/** A text in the languages it was written in. */
export const Localized = z.object({ ru: z.string().optional(), en: z.string().optional() });
export type LocalizedText = z.infer<typeof Localized>;

export const TweepType = z.enum(["consultation", "work", "files"]);
export type TweepType = z.infer<typeof TweepType>;

export const Medium = z.enum(["video", "text"]);
export type Medium = z.infer<typeof Medium>;

/** What customers see of a provider: busy during a session, else the provider's choice. */
export const ProviderStatus = z.enum(["available", "busy", "not_set"]);
export type ProviderStatus = z.infer<typeof ProviderStatus>;

export const Phone = singleLineText().min(3).max(32).openapi({ example: "+79990000001" });

export const IdempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .optional()
    .openapi({ description: "Repeat a request with the same key and it takes effect once" }),
});
