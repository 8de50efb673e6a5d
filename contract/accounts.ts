import { z } from "@hono/zod-openapi";
import { Language, ProviderStatus } from "./common.ts";

/** The signed-in user as `GET /me`, login and sign-up return it. */
export const PublicUser = z
  .object({
    id: z.uuid(),
    phone: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    timeZone: z.string(),
    language: Language,
    roles: z.array(z.string()),
    providerStatus: ProviderStatus,
  })
  .openapi("User");
export type User = z.infer<typeof PublicUser>;

export const UserBody = z.object({ user: PublicUser });
