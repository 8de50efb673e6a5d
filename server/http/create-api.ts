import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppContext } from "../context.ts";
import { SESSION_COOKIE } from "../domain/accounts/auth-sessions.ts";
import { AppError, asAppError, toErrorBody } from "../errors.ts";
import type { Metrics } from "../metrics.ts";
import type { HttpEnv } from "./http-env.ts";
import { registerAccountRoutes } from "./routes/account-routes.ts";
import { registerAdminRoutes } from "./routes/admin-routes.ts";
import { registerAuthRoutes } from "./routes/auth-routes.ts";
import { registerAppointmentRoutes } from "./routes/appointment-routes.ts";
import { registerTermsRoutes } from "./routes/terms-routes.ts";
import { registerAvailabilityRoutes } from "./routes/availability-routes.ts";
import { registerCatalogRoutes } from "./routes/catalog-routes.ts";
import { registerConversationRoutes } from "./routes/conversation-routes.ts";
import { registerDisputeRoutes } from "./routes/dispute-routes.ts";
import { registerDocumentRoutes } from "./routes/document-routes.ts";
import { registerDownloadRoutes } from "./routes/download-routes.ts";
import { registerInvitationRoutes } from "./routes/invitation-routes.ts";
import { registerLiveRoutes } from "./routes/live-routes.ts";
import { registerMeRoutes } from "./routes/me-routes.ts";
import { registerModerationRoutes } from "./routes/moderation-routes.ts";
import { checkHealth, registerOpsRoutes } from "./routes/ops-routes.ts";
import { registerNotificationRoutes } from "./routes/notification-routes.ts";
import { registerOrderRoutes } from "./routes/order-routes.ts";
import { registerPackageRoutes } from "./routes/package-routes.ts";
import { registerRecordingRoutes } from "./routes/recording-routes.ts";
import { registerProfileRoutes } from "./routes/profile-routes.ts";
import { registerReportRoutes } from "./routes/report-routes.ts";
import { registerProviderRoutes } from "./routes/provider-routes.ts";
import { registerQueueRoutes } from "./routes/queue-routes.ts";
import { registerReviewRoutes } from "./routes/review-routes.ts";
import { registerStatsRoutes } from "./routes/stats-routes.ts";
import { registerStripeWebhookRoute } from "./routes/stripe-webhook-route.ts";
import { registerSupportRoutes } from "./routes/support-routes.ts";
import { registerTweepRoutes } from "./routes/tweep-routes.ts";
import { registerWalletRoutes } from "./routes/wallet-routes.ts";
import { SESSION_SECURITY } from "./schemas.ts";
import { jsonBodyLimit } from "./json-body-limit.ts";
import type { RequestSource } from "./request-source.ts";
import { securityMiddleware } from "./security-middleware.ts";
import { sessionMiddleware } from "./session-middleware.ts";

/** The JSON API of SPEC 13 plus /healthz and /metrics, as a fetch handler. */
export function createApi(ctx: AppContext, metrics: Metrics, source: RequestSource) {
  const onError = (error: Error, c: Context) => {
    let appError: AppError;
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own refusals, e.g. a body that is not valid JSON.
      appError = new AppError(error.status === 413 ? "payload_too_large" : "validation_failed", error.message);
    } else {
      if (!(error instanceof AppError)) ctx.logger.error({ err: error, path: c.req.path }, "request failed");
      appError = asAppError(error);
    }
    if (appError.retryAfterSeconds) c.header("Retry-After", String(appError.retryAfterSeconds));
    return c.json(toErrorBody(appError), appError.status as 400);
  };

  const api = new OpenAPIHono<HttpEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const details = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
      const first = details[0];
      const message = first ? `${first.path || "body"}: ${first.message}` : "The request is not valid.";
      return c.json(toErrorBody(new AppError("validation_failed", message, { details })), 400);
    },
  });
  api.onError(onError);
  api.use("*", securityMiddleware(source));
  api.use("*", jsonBodyLimit());
  api.use("*", sessionMiddleware(ctx));
  registerAuthRoutes(api, ctx);
  registerMeRoutes(api, ctx);
  registerWalletRoutes(api, ctx);
  registerStripeWebhookRoute(api, ctx);
  registerAdminRoutes(api, ctx);
  registerCatalogRoutes(api, ctx);
  registerTweepRoutes(api, ctx);
  registerModerationRoutes(api, ctx);
  registerProviderRoutes(api, ctx);
  registerAvailabilityRoutes(api, ctx);
  registerAppointmentRoutes(api, ctx);
  registerTermsRoutes(api, ctx);
  registerOrderRoutes(api, ctx);
  registerPackageRoutes(api, ctx);
  registerRecordingRoutes(api, ctx);
  registerLiveRoutes(api, ctx);
  registerQueueRoutes(api, ctx);
  registerReviewRoutes(api, ctx);
  registerStatsRoutes(api, ctx);
  registerDisputeRoutes(api, ctx);
  registerReportRoutes(api, ctx);
  registerDownloadRoutes(api, ctx);
  registerDocumentRoutes(api, ctx);
  registerNotificationRoutes(api, ctx);
  registerAccountRoutes(api, ctx);
  registerSupportRoutes(api, ctx);
  registerConversationRoutes(api, ctx);
  registerInvitationRoutes(api, ctx);
  registerProfileRoutes(api, ctx);
  registerOpsRoutes(api, ctx);
  // Generated clients learn from this which operations need the session cookie (and its name).
  api.openAPIRegistry.registerComponent("securitySchemes", SESSION_SECURITY, {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description: "Set by login and verify (HttpOnly); browsers send it themselves.",
  });
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: "Tweeps API", version: "1.0.0", description: "Everything a page can do (SPEC 13)." },
    servers: [{ url: "/api/v1" }],
  });
  api.notFound((c) => c.json(toErrorBody(new AppError("not_found", "There is no such API operation.")), 404));

  const root = new OpenAPIHono<HttpEnv>();
  root.onError(onError);
  root.use("*", async (c, next) => {
    c.set("clientAddress", source.clientAddress(c.env.incoming));
    const started = performance.now();
    await next();
    const route = c.req.routePath || "unmatched";
    metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    metrics.httpDuration.observe({ method: c.req.method, route }, (performance.now() - started) / 1000);
  });
  const health = async (c: Context) => {
    const result = await checkHealth(ctx);
    return c.json(result.body, result.status);
  };
  const metricsText = async (c: Context) =>
    c.text(await metrics.registry.metrics(), 200, { "content-type": metrics.registry.contentType });
  root.get("/healthz", health);
  root.get("/api/v1/healthz", health);
  root.get("/metrics", metricsText);
  root.get("/api/v1/metrics", metricsText);
  root.route("/api/v1", api);
  root.notFound((c) => c.json(toErrorBody(new AppError("not_found", "Not found.")), 404));
  return root;
}
