import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { randomPhone, setEnglishLocaleCookie } from "./helpers.ts";

// The foundation issue end to end: sign up with an SMS code read from the development
// outbox, log out, log in again, top up with the development payment provider, and see
// the new balance both on the Finances page and in the top bar.

async function readNewestCode(outbox: Page, phone: string): Promise<string> {
  await outbox.goto("/dev/outbox");
  await expect(outbox.getByRole("heading", { name: "Development outbox", level: 1 })).toBeVisible();
  // Messages are listed newest first; the first SMS to this phone carries the current code.
  const sms = outbox.getByRole("article", { name: `SMS to ${phone}` }).first();
  await expect(sms).toBeVisible();
  const code = /\b(\d{6})\b/.exec((await sms.textContent()) ?? "")?.[1];
  expect(code, "the SMS contains a six-digit code").toBeDefined();
  return code as string;
}

test("sign up, log out, log in and top up the balance", async ({ page, context, baseURL }) => {
  await setEnglishLocaleCookie(context, baseURL);
  const phone = randomPhone();
  const password = `e2e-${Math.random().toString(36).slice(2, 12)}`;
  const banner = page.getByRole("banner");
  const main = page.getByRole("main");

  await test.step("request a code", async () => {
    await page.goto("/signup");
    await expect(main.getByRole("heading", { name: "Sign up", level: 1 })).toBeVisible();
    await main.getByLabel("Phone").fill(phone);
    await main.getByRole("button", { name: "Send code" }).click();
    await expect(main.getByLabel("Code")).toBeVisible();
  });

  await test.step("confirm it from the outbox and set a password", async () => {
    const outbox = await context.newPage();
    const code = await readNewestCode(outbox, phone);
    await outbox.close();
    await main.getByLabel("Code").fill(code);
    await main.getByLabel("Password").fill(password);
    await main.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/finances$/);
    await expect(main.getByRole("heading", { name: "Finances", level: 1 })).toBeVisible();
    await expect(banner.getByRole("button", { name: "Log out" })).toBeVisible();
  });

  await test.step("log out", async () => {
    await banner.getByRole("button", { name: "Log out" }).click();
    await expect(banner.getByRole("link", { name: "Log in" })).toBeVisible();
    await expect(banner.getByRole("button", { name: "Log out" })).toHaveCount(0);
  });

  await test.step("log in again", async () => {
    await banner.getByRole("link", { name: "Log in" }).click();
    await expect(main.getByRole("heading", { name: "Log in", level: 1 })).toBeVisible();
    await main.getByLabel("Phone").fill(phone);
    await main.getByLabel("Password").fill(password);
    await main.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/finances$/);
    await expect(banner.getByRole("link", { name: "Finances" })).toBeVisible();
  });

  await test.step("top up 1500 with the development provider", async () => {
    const balance = main.getByRole("region", { name: "Balance" });
    await expect(balance).toContainText("₽0.00");
    await expect(banner.getByLabel("Balance")).toHaveText("₽0.00");

    const topUp = main.getByRole("form", { name: "Top up" });
    await topUp.getByLabel("Amount").fill("1500");
    await topUp.getByRole("button", { name: "Top up" }).click();

    await expect(topUp.getByRole("status")).toContainText("₽1,500.00 has been added to your balance.");
    await expect(balance).toContainText("₽1,500.00");
    await expect(banner.getByLabel("Balance")).toHaveText("₽1,500.00");
    const movements = main.getByRole("table", { name: "Movements" });
    await expect(movements.getByRole("row", { name: /Top-up/ })).toContainText("+₽1,500.00");
  });

  await test.step("the balance survives a reload", async () => {
    await page.reload();
    await expect(main.getByRole("region", { name: "Balance" })).toContainText("₽1,500.00");
    await expect(banner.getByLabel("Balance")).toHaveText("₽1,500.00");
  });
});
