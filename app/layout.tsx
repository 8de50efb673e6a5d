import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { AppProviders } from "./components/app-providers.tsx";
import { SiteFooter } from "./components/site-footer.tsx";
import { SkipLink } from "./components/skip-link.tsx";
import { TopBar } from "./components/top-bar.tsx";
import { getMessages, getRequestLocale } from "./lib/request-locale.ts";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const messages = getMessages(await getRequestLocale());
  return {
    title: { default: messages.meta.title, template: "%s · Tweeps" },
    description: messages.meta.description,
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#4f46e5",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getRequestLocale();
  return (
    <html lang={locale}>
      <body className="flex min-h-dvh flex-col">
        <AppProviders locale={locale} messages={getMessages(locale)}>
          <SkipLink />
          <TopBar />
          <main id="content" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6 sm:py-10">
            {children}
          </main>
          <SiteFooter />
        </AppProviders>
      </body>
    </html>
  );
}
