"use client";

import type { ReactNode } from "react";
import { IntlProvider } from "use-intl";
import type en from "../../messages/en.json";
import type { Locale } from "../lib/locale.ts";
import { SessionProvider, useSession } from "./session-provider.tsx";

type IntlProps = { locale: Locale; messages: typeof en; children: ReactNode };

/**
 * Dates follow the time zone the person chose in Settings. Until we know who is there
 * (and on the server, which cannot know) UTC is used, so the server's HTML and the
 * browser's first render agree.
 */
function SessionIntlProvider({ locale, messages, children }: IntlProps) {
  const { session } = useSession();
  const timeZone = session.status === "authenticated" && session.user.timeZone ? session.user.timeZone : "UTC";
  return (
    <IntlProvider locale={locale} messages={messages} timeZone={timeZone}>
      {children}
    </IntlProvider>
  );
}

// use-intl's provider is a client component; the root layout (a server component) picks
// the locale from the cookie and hands us only that language's messages.
export function AppProviders({ locale, messages, children }: IntlProps) {
  return (
    <SessionProvider>
      <SessionIntlProvider locale={locale} messages={messages}>
        {children}
      </SessionIntlProvider>
    </SessionProvider>
  );
}
