import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { buyPackage } from "../../domain/packages/buy-package.ts";
import { decidePackage } from "../../domain/packages/decide-package.ts";
import { listOrderPackages } from "../../domain/packages/list-order-packages.ts";
import { listPendingPackages } from "../../domain/packages/list-pending-packages.ts";
import { listTweepPackages } from "../../domain/packages/list-tweep-packages.ts";
import { offerPackage } from "../../domain/packages/offer-package.ts";
import { authenticated, idempotencyKeyOf, requireModerator, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { IdempotencyHeader } from "../../../contract/common.ts";
import { multilineText } from "../../../contract/free-text.ts";
import { BuyPackageRequest, OfferPackageRequest, OrderPackages, PackageOffer, PackagePurchaseView, PendingPackage } from "../../../contract/packages.ts";
import { errorResponses, jsonBody, jsonResponse, sessionRequired } from "../schemas.ts";

// SPEC 18: minute packages. Thin: parse, call one use case, answer.

const Id = z.object({ id: z.uuid() });

const offer = createRoute({
  operationId: "offerPackage",
  security: sessionRequired,
  method: "post",
  path: "/tweeps/{id}/packages",
  middleware: [authenticated] as const,
  tags: ["packages"],
  summary: "Offer a package of minutes on your consultation tweep; it waits for moderation",
  request: { params: Id, body: jsonBody(OfferPackageRequest) },
  responses: { 201: jsonResponse(z.object({ package: PackageOffer }), "The package, pending"), ...errorResponses },
});

const listOwn = createRoute({
  operationId: "listTweepPackages",
  security: sessionRequired,
  method: "get",
  path: "/tweeps/{id}/packages",
  middleware: [authenticated] as const,
  tags: ["packages"],
  summary: "The packages you offer on your tweep, with their moderation status",
  request: { params: Id },
  responses: { 200: jsonResponse(z.object({ items: z.array(PackageOffer) }), "Packages, newest first"), ...errorResponses },
});

const buy = createRoute({
  operationId: "buyPackage",
  security: sessionRequired,
  method: "post",
  path: "/orders/{id}/packages",
  middleware: [authenticated] as const,
  tags: ["packages"],
  summary: "Buy an approved package on your open consultation order: its price moves into the package's hold",
  request: { params: Id, headers: IdempotencyHeader, body: jsonBody(BuyPackageRequest) },
  responses: { 201: jsonResponse(z.object({ purchase: PackagePurchaseView }), "The purchase (also for a retried request with the same Idempotency-Key)"), ...errorResponses },
});

const listOrder = createRoute({
  operationId: "listOrderPackages",
  security: sessionRequired,
  method: "get",
  path: "/orders/{id}/packages",
  middleware: [authenticated] as const,
  tags: ["packages"],
  summary: "The packages the order's tweep offers, and those bought on the order",
  request: { params: Id },
  responses: { 200: jsonResponse(OrderPackages, "Packages"), ...errorResponses },
});

const queue = createRoute({
  operationId: "listPendingPackages",
  security: sessionRequired,
  method: "get",
  path: "/moderation/packages",
  middleware: [authenticated] as const,
  tags: ["moderation"],
  summary: "Packages waiting for moderation, oldest first",
  responses: { 200: jsonResponse(z.object({ items: z.array(PendingPackage) }), "The queue"), ...errorResponses },
});

const decide = createRoute({
  operationId: "decidePackage",
  security: sessionRequired,
  method: "post",
  path: "/moderation/packages/{id}",
  middleware: [authenticated] as const,
  tags: ["moderation"],
  summary: "Approve or reject (with a reason) a pending package",
  request: {
    params: Id,
    body: jsonBody(
      z.discriminatedUnion("decision", [
        z.strictObject({ decision: z.literal("approve") }),
        z.strictObject({ decision: z.literal("reject"), reason: multilineText().trim().min(1).max(1000) }),
      ]),
    ),
  },
  responses: { 200: jsonResponse(z.object({ package: PackageOffer }), "Decided"), ...errorResponses },
});

export function registerPackageRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(offer, async (c) => {
    const body = c.req.valid("json");
    const pkg = await offerPackage(ctx, { providerId: requireUser(c).id, tweepId: c.req.valid("param").id, ...body });
    return c.json({ package: pkg }, 201);
  });
  api.openapi(listOwn, async (c) => {
    return c.json({ items: await listTweepPackages(ctx, { tweepId: c.req.valid("param").id, providerId: requireUser(c).id }) }, 200);
  });
  api.openapi(buy, async (c) => {
    const body = c.req.valid("json");
    const { purchase } = await buyPackage(ctx, {
      customerId: requireUser(c).id,
      orderId: c.req.valid("param").id,
      packageId: body.packageId,
      autoRenew: body.autoRenew,
      requestKey: idempotencyKeyOf(c),
    });
    return c.json({ purchase }, 201);
  });
  api.openapi(listOrder, async (c) => {
    return c.json(await listOrderPackages(ctx, { orderId: c.req.valid("param").id, userId: requireUser(c).id }), 200);
  });
  api.openapi(queue, async (c) => {
    requireModerator(c);
    return c.json({ items: await listPendingPackages(ctx) }, 200);
  });
  api.openapi(decide, async (c) => {
    const moderator = requireModerator(c);
    const body = c.req.valid("json");
    const pkg = await decidePackage(ctx, { packageId: c.req.valid("param").id, moderatorId: moderator.id, ...body });
    return c.json({ package: pkg }, 200);
  });
}
