import { z } from "@hono/zod-openapi";

/** `GET /config`: what the pages need to know about this installation. */
export const AppConfig = z.object({
  currency: z.string(),
  commissionPercent: z.number().int(),
  payments: z.enum(["development", "stripe"]),
  devOutbox: z.boolean(),
  billingBlockSeconds: z.number().int(),
  lowBalanceWarningSeconds: z.number().int(),
  callRingSeconds: z.number().int(),
  heartbeatIntervalMs: z.number().int(),
  /** How often an open session page beats: its beats are the evidence a text block is charged on. */
  sessionHeartbeatIntervalMs: z.number().int(),
  iceServers: z.array(
    z.object({ urls: z.union([z.string(), z.array(z.string())]), username: z.string().optional(), credential: z.string().optional() }),
  ),
});
export type AppConfig = z.infer<typeof AppConfig>;

/** `GET /dev/outbox` items: SMS and e-mail the development adapters wrote. */
export const OutboxMessage = z.object({
  id: z.uuid(),
  channel: z.enum(["sms", "email"]),
  to: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;
