import { test as base } from "@playwright/test";
import type { BrowserContext, Locator, Page } from "@playwright/test";
import { setEnglishLocaleCookie } from "./helpers.ts";

export type Person = { context: BrowserContext; page: Page; main: Locator; banner: Locator };

/** `openPerson()` gives each person of a test a browser of their own, closed when the test ends. */
export const test = base.extend<{ openPerson: () => Promise<Person> }>({
  // The fixture's callback is named `provide`, not Playwright's usual `use`, which the
  // React hooks lint rule would take for a hook.
  openPerson: async ({ browser, baseURL }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async () => {
      const context = await browser.newContext();
      contexts.push(context);
      await setEnglishLocaleCookie(context, baseURL);
      const page = await context.newPage();
      return { context, page, main: page.getByRole("main"), banner: page.getByRole("banner") };
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});
