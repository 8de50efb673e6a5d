import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { getTopUp } from "../../domain/wallet/get-top-up.ts";
import { getWallet } from "../../domain/wallet/get-wallet.ts";
import { requestPayout } from "../../domain/wallet/request-payout.ts";
import { startTopUp } from "../../domain/wallet/start-top-up.ts";
import { authenticated, idempotencyKeyOf, requestOrigin, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { IdempotencyHeader } from "../../../contract/common.ts";
import { PayoutRequest, PayoutResponse, TopUp, TopUpRequest, TopUpResponse, Wallet } from "../../../contract/wallet.ts";
import { errorResponses, jsonBody, jsonResponse, sessionRequired } from "../schemas.ts";

const wallet = createRoute({
  operationId: "getWallet",
  security: sessionRequired,
  method: "get",
  path: "/wallet",
  middleware: [authenticated] as const,
  tags: ["wallet"],
  summary: "Balance and movements",
  responses: { 200: jsonResponse(Wallet, "The wallet"), ...errorResponses },
});

const topUp = createRoute({
  operationId: "createTopUp",
  security: sessionRequired,
  method: "post",
  path: "/wallet/top-ups",
  middleware: [authenticated] as const,
  tags: ["wallet"],
  summary: "Top up: a Stripe Checkout URL, or an immediate credit with development payments",
  request: {
    headers: IdempotencyHeader,
    body: jsonBody(TopUpRequest),
  },
  responses: {
    201: jsonResponse(TopUpResponse, "Top-up started or credited"),
    ...errorResponses,
  },
});

const topUpStatus = createRoute({
  operationId: "getTopUp",
  security: sessionRequired,
  method: "get",
  path: "/wallet/top-ups/{id}",
  middleware: [authenticated] as const,
  tags: ["wallet"],
  summary: "One of my top-ups, e.g. after returning from Checkout",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: jsonResponse(z.object({ topUp: TopUp }), "The top-up"), ...errorResponses },
});

const payout = createRoute({
  operationId: "requestPayout",
  security: sessionRequired,
  method: "post",
  path: "/wallet/payouts",
  middleware: [authenticated] as const,
  tags: ["wallet"],
  summary: "Request a payout of part of the balance",
  request: { headers: IdempotencyHeader, body: jsonBody(PayoutRequest) },
  responses: {
    201: jsonResponse(PayoutResponse, "Payout requested"),
    ...errorResponses,
  },
});

export function registerWalletRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(wallet, async (c) => c.json(await getWallet(ctx, requireUser(c).id), 200));

  api.openapi(topUp, async (c) => {
    const user = requireUser(c);
    const body = c.req.valid("json");
    const origin = requestOrigin(c, ctx.config.publicUrl);
    const back = body.returnPath ?? "/finances";
    const result = await startTopUp(ctx, {
      userId: user.id,
      amountMinor: BigInt(body.amountMinor),
      requestKey: idempotencyKeyOf(c),
      successUrl: `${origin}${back}${back.includes("?") ? "&" : "?"}topUp=done`,
      cancelUrl: `${origin}/finances?topUp=cancelled`,
    });
    return c.json(result, 201);
  });

  api.openapi(topUpStatus, async (c) => {
    const topUp = await getTopUp(ctx, { userId: requireUser(c).id, topUpId: c.req.valid("param").id });
    return c.json({ topUp }, 200);
  });

  api.openapi(payout, async (c) => {
    const user = requireUser(c);
    const { amountMinor } = c.req.valid("json");
    const result = await requestPayout(ctx, {
      userId: user.id,
      amountMinor: BigInt(amountMinor),
      requestKey: idempotencyKeyOf(c),
    });
    return c.json(result, 201);
  });
}
