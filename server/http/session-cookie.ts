import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { SESSION_COOKIE, SESSION_MAX_AGE_SECONDS } from "../domain/accounts/auth-sessions.ts";
import type { Config } from "../env.ts";

export const LOCALE_COOKIE = "tweeps_locale";

export function setSessionCookie(c: Context, config: Config, token: string, language: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: config.production,
    path: "/",
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  setLocaleCookie(c, language);
}

/** The pages read the interface language from this cookie; the profile is its source. */
export function setLocaleCookie(c: Context, language: string) {
  setCookie(c, LOCALE_COOKIE, language, { sameSite: "Lax", path: "/", maxAge: 365 * 86_400 });
}

export function clearSessionCookie(c: Context, config: Config) {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: config.production });
}
