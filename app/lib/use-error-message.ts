"use client";

import { useTranslations } from "use-intl";
import { ApiError } from "./api-client.ts";

const knownCodes = [
  "invalid_phone",
  "invalid_code",
  "code_expired",
  "invalid_credentials",
  "rate_limited",
  "insufficient_funds",
  "validation_failed",
  "unauthenticated",
  "network_error",
  "provider_unavailable",
  "conflict",
  "revision_changed",
  "files_required",
  "terms_consent_required",
] as const;

type KnownCode = (typeof knownCodes)[number];

function isKnownCode(code: string): code is KnownCode {
  return (knownCodes as readonly string[]).includes(code);
}

/** Turns a thrown error into a sentence for people: our own words for known API codes, the server's otherwise. */
export function useErrorMessage(): (error: unknown) => string {
  const t = useTranslations("errors");
  return (error: unknown) => {
    if (error instanceof ApiError) {
      if (isKnownCode(error.code)) return t(error.code);
      if (error.message && !error.code.startsWith("http_")) return error.message;
    }
    return t("generic");
  };
}
