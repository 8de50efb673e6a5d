import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { listOutbox } from "../../messaging/outbox.ts";
import { HEARTBEAT_INTERVAL_MS } from "../../domain/presence/presence-timing.ts";
import { AppConfig, OutboxMessage } from "../../../contract/config.ts";
import type { HttpEnv } from "../http-env.ts";
import { errorResponses, jsonResponse } from "../schemas.ts";

const publicConfig = createRoute({
  operationId: "getPublicConfig",
  method: "get",
  path: "/config",
  tags: ["operations"],
  summary: "What the pages need to know about this installation",
  responses: {
    200: jsonResponse(AppConfig, "Public configuration"),
  },
});

const outbox = createRoute({
  operationId: "listOutbox",
  method: "get",
  path: "/dev/outbox",
  tags: ["operations"],
  summary: "Development only: SMS and e-mail the development adapters wrote, newest first",
  responses: {
    200: jsonResponse(z.object({ messages: z.array(OutboxMessage) }), "The outbox"),
    404: errorResponses[404],
  },
});

export async function checkHealth(ctx: AppContext) {
  try {
    await ctx.db.execute(sql`SELECT 1`);
    return { status: 200 as const, body: { status: "ok", database: "ok" } };
  } catch {
    return { status: 503 as const, body: { status: "unavailable", database: "unreachable" } };
  }
}

export function registerOpsRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(publicConfig, (c) =>
    c.json(
      {
        currency: ctx.config.currency,
        commissionPercent: ctx.config.commissionPercent,
        payments: ctx.payments.name,
        devOutbox: ctx.config.devOutbox,
        billingBlockSeconds: ctx.config.billing.blockSeconds,
        lowBalanceWarningSeconds: ctx.config.billing.lowBalanceWarningSeconds,
        callRingSeconds: ctx.config.callRingSeconds,
        heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS,
        // A text block is charged on the parties' session-page beats, so they must come often
        // compared with a block: every 10 s, or an eighth of a block when blocks are short.
        sessionHeartbeatIntervalMs: Math.max(1_000, Math.min(HEARTBEAT_INTERVAL_MS, Math.floor((ctx.config.billing.blockSeconds * 1000) / 8))),
        // Browsers need the same STUN/TURN servers as the SFU to reach it across NATs.
        iceServers: ctx.config.iceServers,
      },
      200,
    ),
  );

  api.openapi(outbox, async (c) => {
    // Codes for any phone are readable here: anyone could reset any account (config.devOutbox).
    if (!ctx.config.devOutbox) throw new AppError("not_found", "The outbox exists only in development.");
    const rows = await listOutbox(ctx.db);
    return c.json(
      {
        messages: rows.map((row) => ({
          id: row.id,
          channel: row.channel,
          to: row.recipient,
          subject: row.subject,
          body: row.body,
          createdAt: row.createdAt.toISOString(),
        })),
      },
      200,
    );
  });
}
