import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { ConsentRequest, PublishTermsRequest, TermsBody, TermsConsentList } from "../../../contract/appointments.ts";
import { consentToTerms } from "../../domain/terms/consent-to-terms.ts";
import { listTermsConsents } from "../../domain/terms/list-terms-consents.ts";
import { publishTerms } from "../../domain/terms/publish-terms.ts";
import { readTerms } from "../../domain/terms/read-terms.ts";
import { authenticated, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { errorResponses, jsonBody, jsonResponse, sessionRequired } from "../schemas.ts";

const Id = z.object({ id: z.uuid() });
const tags = ["terms"];

const read = createRoute({
  operationId: "getProviderTerms",
  method: "get",
  path: "/providers/{id}/terms",
  tags,
  summary: "A provider's current terms of service; for a signed-in customer, their consent and whether a new one is needed",
  request: { params: Id },
  responses: { 200: jsonResponse(TermsBody, "The terms (version null when none were published)"), ...errorResponses },
});

const publish = createRoute({
  operationId: "publishMyTerms",
  security: sessionRequired,
  method: "put",
  path: "/me/terms",
  middleware: [authenticated] as const,
  tags,
  summary: "Publish a new version of my terms (customers consent again before their next order or booking)",
  request: { body: jsonBody(PublishTermsRequest) },
  responses: { 200: jsonResponse(TermsBody, "The current terms"), ...errorResponses },
});

const consent = createRoute({
  operationId: "consentToTerms",
  security: sessionRequired,
  method: "post",
  path: "/providers/{id}/terms/consent",
  middleware: [authenticated] as const,
  tags,
  summary: "Consent to the version of the provider's terms I read (recorded with its time)",
  request: { params: Id, body: jsonBody(ConsentRequest) },
  responses: { 200: jsonResponse(TermsBody, "The terms with my consent"), ...errorResponses },
});

const consents = createRoute({
  operationId: "listMyTermsConsents",
  security: sessionRequired,
  method: "get",
  path: "/me/terms/consents",
  middleware: [authenticated] as const,
  tags,
  summary: "The customers' consents to my terms, newest first",
  responses: { 200: jsonResponse(TermsConsentList, "Consents"), ...errorResponses },
});

export function registerTermsRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(read, async (c) => c.json({ terms: await readTerms(ctx.db, { providerId: c.req.valid("param").id, viewerId: c.get("user")?.id ?? null }) }, 200));
  api.openapi(publish, async (c) => c.json({ terms: await publishTerms(ctx, { providerId: requireUser(c).id, text: c.req.valid("json").text }) }, 200));
  api.openapi(consent, async (c) =>
    c.json({ terms: await consentToTerms(ctx, { providerId: c.req.valid("param").id, customerId: requireUser(c).id, version: c.req.valid("json").version }) }, 200),
  );
  api.openapi(consents, async (c) => c.json({ items: await listTermsConsents(ctx.db, requireUser(c).id) }, 200));
}
