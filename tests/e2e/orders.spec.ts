import { expect, test } from "@playwright/test";
import { setEnglishLocaleCookie, signUp } from "./helpers.ts";

// Orders, sales and disputes pages as a new account sees them: empty lists, an order or
// dispute that is not theirs, and the same pages in Russian.
//
// The order card with real orders (thread, work actions, files, the money) is covered by
// marketplace.spec.ts: the e2e server seeds the demo data, so its moderator can approve a
// tweep from the browser. Reviews and disputes on a real order are not covered end to end.

test("orders, sales and disputes pages for a new account", async ({ page, context, baseURL }) => {
  await setEnglishLocaleCookie(context, baseURL);
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
