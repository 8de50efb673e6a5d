import { z } from "@hono/zod-openapi";

// Shapes shared by several routes. Request bodies are strict: unknown fields are errors.

/** Ten million major units: far above any real top-up, far below 2^53. */
export const MAX_AMOUNT_MINOR = 1_000_000_000;

export const AmountMinor = z
  .number()
  .int()
  .min(1)
  .max(MAX_AMOUNT_MINOR)
  .openapi({ description: "Integer amount in minor units (kopecks for RUB)", example: 150000 });

export const ErrorBody = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .openapi("Error");

export const PublicUser = z
  .object({
    id: z.uuid(),
    phone: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    timeZone: z.string(),
    language: z.enum(["ru", "en"]),
    roles: z.array(z.string()),
    providerStatus: z.enum(["available", "busy", "not_set", "paused"]),
    pausedUntil: z.string().nullable(),
    channels: z.object({ video: z.boolean(), text: z.boolean() }),
  })
  .openapi("User");

export const UserBody = z.object({ user: PublicUser });

export const Phone = z.string().min(3).max(32).openapi({ example: "+79990000001" });

export const Movement = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    amountMinor: z.number().int(),
    kind: z.string(),
    memo: z.string().nullable(),
    orderId: z.string().nullable(),
  })
  .openapi("Movement");

export const Wallet = z
  .object({ balanceMinor: z.number().int(), currency: z.string(), movements: z.array(Movement) })
  .openapi("Wallet");

export const Payout = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    amountMinor: z.number().int(),
    status: z.enum(["requested", "paid"]),
    createdAt: z.string(),
    paidAt: z.string().nullable(),
  })
  .openapi("Payout");

export const IdempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .optional()
    .openapi({ description: "Repeat a request with the same key and it takes effect once" }),
});

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { "application/json": { schema } }, required: true } as const;
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description } as const;
}

export const errorResponses = {
  400: jsonResponse(ErrorBody, "Invalid input"),
  401: jsonResponse(ErrorBody, "Not logged in"),
  403: jsonResponse(ErrorBody, "Not allowed"),
  404: jsonResponse(ErrorBody, "Not found"),
  409: jsonResponse(ErrorBody, "Conflicts with the current state"),
  429: jsonResponse(ErrorBody, "Too many attempts"),
} as const;
