import { expect } from "@playwright/test";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { DEMO_PASSWORD, setAccountLanguageToEnglish } from "./helpers.ts";
import { test } from "./people.ts";

// Rough spots a newcomer hit: ordering while anonymous, a provider's bar and Settings on
// a laptop and a phone, the dispute form on every order, and finding one's open order.

const DEMO_CUSTOMER_PHONE = "+79990000001";
const DEMO_PROVIDER_PHONE = "+79990000002";

async function logInThroughApi(request: APIRequestContext, phone: string): Promise<void> {
  const answer = await request.post("/api/v1/auth/login", { data: { phone, password: DEMO_PASSWORD } });
  expect(answer.ok(), await answer.text()).toBe(true);
}

/** The demo's consultation, found through the catalog API. */
async function demoConsultationId(request: APIRequestContext): Promise<string> {
  const answer = await request.get("/api/v1/tweeps?type=consultation&pageSize=50");
  expect(answer.ok()).toBe(true);
  const { items } = (await answer.json()) as { items: { id: string; title: { en?: string } }[] };
  const tweep = items.find((item) => item.title.en === "Contract law consultation");
  expect(tweep, "the demo consultation is in the catalog").toBeDefined();
  return tweep!.id;
}

/** Nothing wider than the window: no sideways scrolling. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(widths.scroll, `page ${page.url()} is ${widths.scroll}px wide in a ${widths.inner}px window`).toBeLessThanOrEqual(widths.inner);
}

/** Visible, inside the window, and the topmost element at its centre (not covered by anything). */
async function expectUncovered(locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  await expect(locator).toBeInViewport({ ratio: 1 });
  const onTop = await locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && (hit === element || element.contains(hit));
  });
  expect(onTop, "nothing lies on top of it").toBe(true);
}

test("an anonymous visitor pressing Order is asked to log in or sign up, and comes back to the tweep", async ({ openPerson }) => {
  const visitor = await openPerson();
  const { page, main } = visitor;
  const tweepId = await demoConsultationId(visitor.context.request);
  await page.goto(`/tweeps/${tweepId}`);
  await main.getByRole("button", { name: "Order" }).first().click();

  await expect(main.getByText("Log in or sign up to order. You will come back to this page.")).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Pay and order" })).toHaveCount(0);
  const back = encodeURIComponent(`/tweeps/${tweepId}`);
  await expect(main.getByRole("link", { name: "Sign up" })).toHaveAttribute("href", `/signup?next=${back}`);
  await main.getByRole("link", { name: "Log in" }).click();
  await expect(page).toHaveURL(new RegExp(`/login\\?next=${back.replace(/%/g, "%")}$`));

  await main.getByLabel("Phone").fill(DEMO_CUSTOMER_PHONE);
  await main.getByLabel("Password").fill(DEMO_PASSWORD);
  await main.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(new RegExp(`/tweeps/${tweepId}$`));
});

test("a provider's top bar and Settings fit a 1280 px laptop and a 390 px phone", async ({ openPerson }) => {
  // Eight page loads.
  test.setTimeout(240_000);
  const provider = await openPerson();
  const { page, banner } = provider;
  await logInThroughApi(provider.context.request, DEMO_PROVIDER_PHONE);
  await setAccountLanguageToEnglish(provider.context.request);

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    for (const path of ["/", "/settings", "/my-tweeps", "/finances"]) {
      await test.step(`${path} at ${viewport.width}×${viewport.height}`, async () => {
        await page.goto(path);
        const logOut = banner.getByRole("button", { name: "Log out" });
        await expect(logOut).toBeVisible({ timeout: 30_000 });
        if (path === "/settings") await expect(page.getByRole("table", { name: /Your weekly hours/ })).toBeVisible({ timeout: 30_000 });
        await expectNoSidewaysScroll(page);
        await expectUncovered(logOut);
        await expectUncovered(banner.getByRole("link", { name: "Settings" }));
      });
    }
  }
});

test("the time zone is searched and named in the interface language", async ({ openPerson }) => {
  const provider = await openPerson();
  const { page, main } = provider;
  await logInThroughApi(provider.context.request, DEMO_PROVIDER_PHONE);
  // The demo accounts speak Russian.
  await provider.context.request.patch("/api/v1/me", { data: { language: "ru" } });
  await page.goto("/settings");
  const zone = main.getByRole("combobox", { name: "Часовой пояс", exact: true });
  await zone.fill("центральная европа berl");
  const option = main.getByRole("option", { name: /^Berlin — Центральная Европа/ });
  await expect(option).toBeVisible();
  await expect(main.getByRole("listbox", { name: "Часовой пояс", exact: true }).getByRole("option")).toHaveCount(1);
  await option.click();
  await expect(zone).toHaveValue(/^Berlin — Центральная Европа/);
  await setAccountLanguageToEnglish(provider.context.request);
});

test("the dispute form waits behind Report a problem, and a tweep's page links to one's open order", async ({ openPerson }) => {
  const customer = await openPerson();
  const { page, main } = customer;
  const request = customer.context.request;
  await logInThroughApi(request, DEMO_CUSTOMER_PHONE);
  const tweepId = await demoConsultationId(request);

  await test.step("no link before there is an order", async () => {
    await page.goto(`/tweeps/${tweepId}`);
    await expect(main.getByRole("button", { name: /Заказать|Order/ }).first()).toBeVisible({ timeout: 45_000 });
    await expect(main.getByRole("link", { name: /Ваш открытый заказ|Your open order/ })).toHaveCount(0);
  });

  const placed = await request.post("/api/v1/orders", {
    data: { tweepId, medium: "text" },
    headers: { "idempotency-key": `rough-spots-${Date.now()}` },
  });
  expect(placed.status(), await placed.text()).toBe(201);
  const orderId = ((await placed.json()) as { order: { id: string } }).order.id;

  await test.step("the link, in Russian and in English", async () => {
    // The demo customer's account is Russian, and logging in set the interface to it.
    await page.goto(`/tweeps/${tweepId}`);
    await expect(main.getByRole("link", { name: "Ваш открытый заказ" })).toHaveAttribute("href", `/orders/${orderId}`, { timeout: 45_000 });
    await setAccountLanguageToEnglish(request);
    await page.reload();
    await main.getByRole("link", { name: "Your open order" }).click();
    await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
  });

  await test.step("the dispute form opens on Report a problem", async () => {
    await expect(main.getByRole("heading", { name: "Open dispute" })).toHaveCount(0);
    await expect(main.getByLabel("What went wrong")).toHaveCount(0);
    const report = main.getByRole("button", { name: "Report a problem" });
    await expect(report).toHaveAttribute("aria-expanded", "false", { timeout: 45_000 });
    await report.click();
    await expect(main.getByRole("heading", { name: "Open dispute" })).toBeVisible();
    await expect(main.getByLabel("What went wrong")).toBeFocused();
    await expect(main.getByRole("button", { name: "Open dispute" })).toBeVisible();
  });

  // Leave the demo customer's order closed, so the demo balance is back for other specs.
  const closed = await request.post(`/api/v1/orders/${orderId}/cancel`, { data: {} });
  expect(closed.ok(), await closed.text()).toBe(true);
});
