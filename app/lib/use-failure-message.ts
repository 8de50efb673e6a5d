"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { getLoginRedirect } from "./redirect-to-login.ts";
import { useErrorMessage } from "./use-error-message.ts";

/**
 * What a page does with a failed API call: a lost session goes to the login page (and
 * back afterwards), anything else becomes a message for an alert. Returns null while
 * redirecting, so `setError(failureMessage(caught))` clears the alert on the way out.
 */
export function useFailureMessage(): (caught: unknown) => string | null {
  const router = useRouter();
  const describeError = useErrorMessage();
  return useCallback(
    (caught: unknown) => {
      const redirect = getLoginRedirect(caught);
      if (!redirect) return describeError(caught);
      router.replace(redirect);
      return null;
    },
    [router, describeError],
  );
}
