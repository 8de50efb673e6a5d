import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import type { AppContext } from "../../context.ts";
import { applyStripeEvent } from "../../domain/payments/apply-stripe-event.ts";
import { AppError } from "../../errors.ts";
import type { HttpEnv } from "../http-env.ts";
import { errorResponses, jsonResponse } from "../schemas.ts";

const MAX_WEBHOOK_BYTES = 512 * 1024;

const webhook = createRoute({
  operationId: "receiveStripeEvent",
  method: "post",
  path: "/payments/stripe/webhook",
  tags: ["wallet"],
  summary: "Stripe events, verified by the Stripe-Signature header",
  // Refused before it is buffered: nobody gets to make us hold a huge body in memory.
  middleware: [
    bodyLimit({
      maxSize: MAX_WEBHOOK_BYTES,
      onError: (c) => {
        // The rest of the body is never read, so this connection cannot carry another request.
        c.header("Connection", "close");
        throw new AppError("payload_too_large", "The event is too large.");
      },
    }),
  ] as const,
  responses: {
    200: jsonResponse(z.object({ received: z.literal(true), outcome: z.string() }), "Event processed"),
    ...errorResponses,
  },
});

export function registerStripeWebhookRoute(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(webhook, async (c) => {
    const gateway = ctx.payments;
    if (gateway.name !== "stripe") throw new AppError("not_found", "Stripe payments are not configured here.");
    // The signature covers the exact bytes, so the body is read raw and parsed only after.
    const rawBody = await c.req.text();
    const event = gateway.parseWebhookEvent(rawBody, c.req.header("stripe-signature"));
    const outcome = await applyStripeEvent(ctx, event);
    return c.json({ received: true as const, outcome }, 200);
  });
}
