import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { acceptOrder } from "../../domain/orders/accept-order.ts";
import { cancelOrder } from "../../domain/orders/cancel-order.ts";
import { closeOrder } from "../../domain/orders/close-order.ts";
import { createDownloadLink } from "../../domain/orders/create-download-link.ts";
import { deliverOrder } from "../../domain/orders/deliver-order.ts";
import { getOrder } from "../../domain/orders/get-order.ts";
import { listOrderMessages } from "../../domain/orders/list-order-messages.ts";
import { listOrders } from "../../domain/orders/list-orders.ts";
import { placeOrder } from "../../domain/orders/place-order.ts";
import { postOrderMessage } from "../../domain/orders/post-order-message.ts";
import { refuseOrder } from "../../domain/orders/refuse-order.ts";
import { returnOrder } from "../../domain/orders/return-order.ts";
import { postReview } from "../../domain/reviews/post-review.ts";
import { authenticated, idempotencyKeyOf, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { IdempotencyHeader } from "../../../contract/common.ts";
import { OrderDetail, OrderMessage as Message, PlaceOrderRequest, PostMessageRequest, ReviewRequest, Sale } from "../../../contract/orders.ts";
import { errorResponses, jsonBody, jsonResponse, sessionRequired } from "../schemas.ts";

const OrderId = z.object({ id: z.uuid() });

const place = createRoute({
  operationId: "createOrder",
  security: sessionRequired,
  method: "post",
  path: "/orders",
  middleware: [authenticated] as const,
  tags: ["orders"],
  summary: "Order a published tweep; pays the first block (consultation), the escrow (work) or the price (files)",
  request: {
    headers: IdempotencyHeader,
    body: jsonBody(PlaceOrderRequest),
  },
  responses: {
    201: jsonResponse(z.object({ order: OrderDetail }), "The order (also for a retried request with the same Idempotency-Key)"),
    ...errorResponses,
  },
});

const list = createRoute({
  operationId: "listOrders",
  security: sessionRequired,
  method: "get",
  path: "/orders",
  middleware: [authenticated] as const,
  tags: ["orders"],
  summary: "My orders (as=customer) or my sales with gross, commission and net (as=provider), optionally of one tweep",
  request: { query: z.object({ as: z.enum(["customer", "provider"]).default("customer"), tweepId: z.uuid().optional() }) },
  responses: { 200: jsonResponse(z.object({ items: z.array(Sale) }), "Orders, newest first"), ...errorResponses },
});

const detail = createRoute({
  operationId: "getOrder",
  security: sessionRequired,
  method: "get",
  path: "/orders/{id}",
  middleware: [authenticated] as const,
  tags: ["orders"],
  summary: "The order card (parties and moderators)",
  request: { params: OrderId },
  responses: { 200: jsonResponse(z.object({ order: OrderDetail }), "The order"), ...errorResponses },
});

type Transition = (ctx: AppContext, input: { orderId: string; userId: string }) => Promise<unknown>;
const transitions: [string, string, Transition][] = [
  ["cancel", "Customer cancels a consultation whose prepaid block is unused (the hold returns)", cancelOrder],
  ["close", "Customer closes a consultation (an unused prepaid block returns)", closeOrder],
  ["refuse", "Provider refuses work in progress (the hold returns to the customer)", refuseOrder],
  ["deliver", "Provider marks the work done (starts the auto-accept clock)", deliverOrder],
  ["accept", "Customer accepts delivered work (the hold goes to the provider less commission)", acceptOrder],
  ["return", "Customer returns delivered work for rework", returnOrder],
];

const messages = createRoute({
  operationId: "listOrderMessages",
  security: sessionRequired,
  method: "get",
  path: "/orders/{id}/messages",
  middleware: [authenticated] as const,
  tags: ["orders"],
  summary: "The thread between customer and provider",
  request: { params: OrderId },
  responses: { 200: jsonResponse(z.object({ items: z.array(Message) }), "Messages, oldest first"), ...errorResponses },
});

const postMessage = createRoute({
  operationId: "postOrderMessage",
  security: sessionRequired,
  method: "post",
  path: "/orders/{id}/messages",
  middleware: [authenticated] as const,
  tags: ["orders"],
  summary: "Write in the order's thread",
  request: { params: OrderId, body: jsonBody(PostMessageRequest) },
  responses: { 201: jsonResponse(z.object({ message: Message }), "The message"), ...errorResponses },
});

const review = createRoute({
  operationId: "reviewOrder",
  security: sessionRequired,
  method: "post",
  path: "/orders/{id}/review",
  middleware: [authenticated] as const,
  tags: ["orders"],
  summary: "The customer rates accepted work or bought files, once",
  request: {
    params: OrderId,
    body: jsonBody(ReviewRequest),
  },
  responses: {
    201: jsonResponse(
      z.object({ review: z.object({ id: z.uuid(), orderId: z.uuid(), rating: z.number().int(), body: z.string().nullable(), createdAt: z.string() }) }),
      "The review",
    ),
    ...errorResponses,
  },
});

const fileLink = createRoute({
  operationId: "createFileLink",
  security: sessionRequired,
  method: "get",
  path: "/orders/{id}/files/{fileId}/link",
  middleware: [authenticated] as const,
  tags: ["orders"],
  summary: "A signed download link for one file of a paid files order, valid 5 minutes, for the asker only",
  request: { params: z.object({ id: z.uuid(), fileId: z.uuid() }) },
  responses: { 200: jsonResponse(z.object({ url: z.string(), expiresAt: z.string() }), "The link"), ...errorResponses },
});

export function registerOrderRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(place, async (c) => {
    const user = requireUser(c);
    const body = c.req.valid("json");
    const { order } = await placeOrder(ctx, { customerId: user.id, tweepId: body.tweepId, medium: body.medium, requestKey: idempotencyKeyOf(c) });
    return c.json({ order: await getOrder(ctx, { orderId: order.id, viewer: user }) }, 201);
  });

  api.openapi(list, async (c) => {
    const query = c.req.valid("query");
    return c.json(await listOrders(ctx, { userId: requireUser(c).id, as: query.as, tweepId: query.tweepId }), 200);
  });

  api.openapi(detail, async (c) => {
    const order = await getOrder(ctx, { orderId: c.req.valid("param").id, viewer: requireUser(c) });
    return c.json({ order }, 200);
  });

  for (const [action, summary, run] of transitions) {
    const route = createRoute({
      method: "post",
      path: `/orders/{id}/${action}`,
      operationId: `${action}Order`,
      security: sessionRequired,
      middleware: [authenticated] as const,
      tags: ["orders"],
      summary,
      request: { params: OrderId },
      responses: { 200: jsonResponse(z.object({ order: OrderDetail }), "The order after the change"), ...errorResponses },
    });
    api.openapi(route, async (c) => {
      const user = requireUser(c);
      const orderId = c.req.valid("param").id;
      await run(ctx, { orderId, userId: user.id });
      return c.json({ order: await getOrder(ctx, { orderId, viewer: user }) }, 200);
    });
  }

  api.openapi(messages, async (c) =>
    c.json(await listOrderMessages(ctx, { orderId: c.req.valid("param").id, userId: requireUser(c).id }), 200),
  );

  api.openapi(postMessage, async (c) => {
    const message = await postOrderMessage(ctx, {
      orderId: c.req.valid("param").id,
      userId: requireUser(c).id,
      body: c.req.valid("json").body,
    });
    return c.json({ message }, 201);
  });

  api.openapi(review, async (c) => {
    const body = c.req.valid("json");
    const created = await postReview(ctx, { orderId: c.req.valid("param").id, userId: requireUser(c).id, rating: body.rating, body: body.body });
    return c.json({ review: created }, 201);
  });

  api.openapi(fileLink, async (c) => {
    const { id, fileId } = c.req.valid("param");
    return c.json(await createDownloadLink(ctx, { orderId: id, fileId, userId: requireUser(c).id }), 200);
  });
}
