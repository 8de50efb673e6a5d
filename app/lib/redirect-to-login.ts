import { ApiError } from "./api-client.ts";

/** A page behind login that gets 401 sends the person to log in and then back here. */
export function getLoginRedirect(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 401) return null;
  const here = `${window.location.pathname}${window.location.search}`;
  return `/login?next=${encodeURIComponent(here)}`;
}
