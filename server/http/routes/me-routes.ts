import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { toPublicUser } from "../../domain/accounts/public-user.ts";
import { updateProfile } from "../../domain/accounts/update-profile.ts";
import { authenticated, requireUser } from "../guards.ts";
import { singleLineText } from "../../../contract/free-text.ts";
import type { HttpEnv } from "../http-env.ts";
import { UserBody } from "../../../contract/accounts.ts";
import { errorResponses, jsonBody, jsonResponse, sessionRequired } from "../schemas.ts";
import { setLocaleCookie } from "../session-cookie.ts";

const getMe = createRoute({
  operationId: "getMe",
  security: sessionRequired,
  method: "get",
  path: "/me",
  middleware: [authenticated] as const,
  tags: ["auth"],
  summary: "The logged-in user",
  responses: { 200: jsonResponse(UserBody, "The user"), ...errorResponses },
});

const ProfileChanges = z
  .strictObject({
    name: singleLineText().trim().max(120).optional(),
    email: z.union([z.email().max(254), z.null()]).optional(),
    timeZone: singleLineText().min(1).max(64).openapi({ example: "Europe/Moscow" }).optional(),
    language: z.enum(["ru", "en"]).optional(),
  })
  .openapi("ProfileChanges");

const patchMe = createRoute({
  operationId: "updateMe",
  security: sessionRequired,
  method: "patch",
  path: "/me",
  middleware: [authenticated] as const,
  tags: ["auth"],
  summary: "Change name, e-mail, time zone or language",
  request: { body: jsonBody(ProfileChanges) },
  responses: { 200: jsonResponse(UserBody, "The updated user"), ...errorResponses },
});

export function registerMeRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(getMe, (c) => c.json({ user: toPublicUser(requireUser(c)) }, 200));

  api.openapi(patchMe, async (c) => {
    const user = await updateProfile(ctx, requireUser(c).id, c.req.valid("json"));
    setLocaleCookie(c, user.language);
    return c.json({ user }, 200);
  });
}
