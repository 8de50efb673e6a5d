import type { HttpBindings } from "@hono/node-server";
import type { SessionUser } from "../domain/accounts/auth-sessions.ts";

export type HttpEnv = {
  Bindings: HttpBindings;
  Variables: { user: SessionUser | null; sessionToken: string | null; clientAddress: string };
};
