import { expect, test } from "@playwright/test";
import type { APIRequestContext } from "@playwright/test";

// Orders, sales and disputes pages, for the parts an end-to-end run can reach.
//
// Not covered here: the order card with real orders (actions, thread, files, review,
// disputes). An order needs a published tweep, and publishing needs a moderator's
// approval; the production server that Playwright starts has no demo data, and the only
// way to make a moderator is the operator's CLI (`npm run admin -- grant-moderator`),
// which needs the server stopped. Those pages were checked by hand against the demo data.

function randomPhone(): string {
  const digits = Array.from({ length: 7 }, () => Math.floor(Math.random() * 10)).join("");
  return `+7999${digits}`;
}

/** Signs up through the API; the request context shares its cookies with the browser context. */
async function signUp(request: APIRequestContext): Promise<string> {
  const phone = randomPhone();
  const registered = await request.post("/api/v1/auth/register", { data: { phone } });
  expect(registered.ok(), await registered.text()).toBe(true);
  const outbox = await request.get("/api/v1/dev/outbox");
  expect(outbox.ok()).toBe(true);
  const { messages } = (await outbox.json()) as { messages: { channel: string; to: string; body: string }[] };
  const sms = messages.find((message) => message.channel === "sms" && message.to === phone);
  const code = /\b(\d{6})\b/.exec(sms?.body ?? "")?.[1];
  expect(code, "the SMS contains a six-digit code").toBeDefined();
  const verified = await request.post("/api/v1/auth/verify", {
    data: { phone, code, password: `e2e-${Math.random().toString(36).slice(2, 12)}` },
  });
  expect(verified.ok(), await verified.text()).toBe(true);
  // The account's language decides the interface (and the locale cookie); these checks read English.
  const patched = await request.patch("/api/v1/me", { data: { language: "en" } });
  expect(patched.ok(), await patched.text()).toBe(true);
  return phone;
}

test("orders, sales and disputes pages for a new account", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "tweeps_locale", value: "en", url: baseURL ?? "http://127.0.0.1:3210" }]);
  const banner = page.getByRole("banner");
  const main = page.getByRole("main");

  await test.step("the pages ask an anonymous visitor to log in", async () => {
    await page.goto("/orders");
    await expect(page).toHaveURL(/\/login\?next=%2Forders$/);
    await page.goto("/disputes");
    await expect(page).toHaveURL(/\/login\?next=%2Fdisputes$/);
  });

  await signUp(context.request);

  await test.step("My orders: an empty list says where orders come from", async () => {
    await page.goto("/");
    await banner.getByRole("link", { name: "My orders" }).click();
    await expect(page).toHaveURL(/\/orders$/);
    await expect(main.getByRole("heading", { name: "My orders", level: 1 })).toBeVisible();
    await expect(main).toContainText("You have not ordered anything yet.");
    await expect(main.getByRole("link", { name: "Browse the catalog" })).toHaveAttribute("href", "/");
  });

  await test.step("My sales: empty too", async () => {
    await banner.getByRole("link", { name: "My sales" }).click();
    await expect(page).toHaveURL(/\/sales$/);
    await expect(main.getByRole("heading", { name: "My sales", level: 1 })).toBeVisible();
    await expect(main).toContainText("Nobody has ordered your tweeps yet.");
  });

  await test.step("Disputes and complaints: empty", async () => {
    await banner.getByRole("link", { name: "Disputes" }).click();
    await expect(page).toHaveURL(/\/disputes$/);
    await expect(main.getByRole("heading", { name: "Disputes and complaints", level: 1 })).toBeVisible();
    await expect(main).toContainText("You have no disputes.");
  });

  await test.step("someone else's or a missing order is not found", async () => {
    await page.goto("/orders/00000000-0000-4000-8000-000000000000");
    await expect(main.getByRole("alert")).toHaveText("This order does not exist or is not yours.");
    await expect(main.getByRole("link", { name: "All my orders" })).toBeVisible();
    await page.goto("/disputes/00000000-0000-4000-8000-000000000000");
    await expect(main.getByRole("alert")).toHaveText("This dispute does not exist or is not yours.");
  });

  await test.step("the same pages in Russian", async () => {
    await page.goto("/orders");
    await banner.getByLabel("Interface language").selectOption("ru");
    await expect(main.getByRole("heading", { name: "Мои заказы", level: 1 })).toBeVisible();
    await expect(main).toContainText("Вы ещё ничего не заказывали.");
  });
});
