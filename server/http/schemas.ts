import type { z } from "@hono/zod-openapi";
import { ErrorBody } from "../../contract/common.ts";

// How a route declares its JSON body and responses in the OpenAPI document. The shapes
// themselves are the wire's, in contract/.

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

/** The document's name for the session cookie (an apiKey in a cookie; see create-api.ts). */
export const SESSION_SECURITY = "sessionCookie";

/** Operations that refuse a request without a live session (401). */
export const sessionRequired: Record<string, string[]>[] = [{ [SESSION_SECURITY]: [] }];

/** Operations that answer anonymous requests and show more to a session (drafts to their owner). */
export const sessionOptional: Record<string, string[]>[] = [{ [SESSION_SECURITY]: [] }, {}];
