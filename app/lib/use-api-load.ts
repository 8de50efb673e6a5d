"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { apiRequest, isAbortError } from "./api-client.ts";
import { getLoginRedirect } from "./redirect-to-login.ts";

/**
 * How a page reads its data: GET `path` now and whenever it or `version` changes (null:
 * nothing to load yet), hand the answer to `onLoaded`, and cancel a read that a newer one
 * replaced. A lost session goes to the login page and back; any other failure is returned
 * for the page to show, and cleared by the next success.
 */
export function useApiLoad<T>(path: string | null, onLoaded: (data: T) => void, version: unknown = 0): unknown {
  const router = useRouter();
  const [error, setError] = useState<unknown>(null);
  // The latest callback, so a page passing an inline function does not reload on every render.
  const latest = useRef(onLoaded);
  useEffect(() => {
    latest.current = onLoaded;
  });

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    apiRequest<T>(path, { signal: controller.signal })
      .then((data) => {
        setError(null);
        latest.current(data);
      })
      .catch((caught: unknown) => {
        if (isAbortError(caught)) return;
        const redirect = getLoginRedirect(caught);
        if (redirect) router.replace(redirect);
        else setError(caught);
      });
    return () => controller.abort();
  }, [path, version, router]);

  return error;
}
