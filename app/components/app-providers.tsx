"use client";

import type { ReactNode } from "react";
import { IntlProvider } from "use-intl";
import type en from "../../messages/en.json";
import type { Locale } from "../lib/locale.ts";
import { SessionProvider } from "./session-provider.tsx";

// use-intl's provider is a client component; the root layout (a server component) picks
// the locale from the cookie and hands us only that language's messages.
export function AppProviders({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: typeof en;
  children: ReactNode;
}) {
  return (
    <IntlProvider locale={locale} messages={messages}>
      <SessionProvider>{children}</SessionProvider>
    </IntlProvider>
  );
}
