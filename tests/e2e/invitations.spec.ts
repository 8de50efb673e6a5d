import { expect, type Page } from "@playwright/test";
import { randomPhone, signUp } from "./helpers.ts";
import { test } from "./people.ts";

// SPEC 20 end to end: a provider copies their invitation link; a new visitor signs up
// through it, lands on the provider with the provider in "My providers", and writes to them
// with a PDF attached; the provider's bell count rises live and the provider opens the file.

const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

async function readNewestCode(page: Page, phone: string): Promise<string> {
  const outbox = await page.context().newPage();
  await outbox.goto("/dev/outbox");
  const sms = outbox.getByRole("article", { name: `SMS to ${phone}` }).first();
  await expect(sms).toBeVisible();
  const code = /\b(\d{6})\b/.exec((await sms.textContent()) ?? "")?.[1];
  await outbox.close();
  expect(code, "the SMS contains a six-digit code").toBeDefined();
  return code as string;
}

test("a visitor signs up through an invitation link and sends the provider a file", async ({ openPerson, baseURL }) => {
  const provider = await openPerson();
  const visitor = await openPerson();
  await signUp(provider.context.request);
  expect((await provider.context.request.patch("/api/v1/me", { data: { name: "Anna Provider" } })).ok()).toBe(true);

  let link = "";
  await test.step("the provider copies their invitation link in Settings", async () => {
    await provider.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    await provider.page.goto("/settings");
    // The first pages of a fresh server on a loaded machine can take a while to answer.
    await expect(provider.banner.getByRole("button", { name: /^Notifications/ })).toBeVisible({ timeout: 60_000 });
    const panel = provider.main.getByRole("region", { name: "Invite your clients" });
    await expect(panel.getByRole("img", { name: "QR code of your invitation link" })).toBeVisible();
    await panel.getByRole("button", { name: "Copy link" }).click();
    await expect(panel.getByRole("status")).toHaveText("The link is copied.");
    link = await provider.page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/\/i\/[a-z0-9]+$/);
    await expect(panel.getByLabel("Your invitation link")).toHaveValue(link);
  });

  const bell = provider.banner.getByRole("button", { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName("Notifications");

  await test.step("a new visitor signs up through it and lands on the provider", async () => {
    await visitor.page.goto(link);
    await expect(visitor.main.getByRole("heading", { name: "Anna Provider invites you to Tweeps", level: 1 })).toBeVisible();
    await visitor.main.getByRole("link", { name: "Sign up" }).click();
    const phone = randomPhone();
    await visitor.main.getByLabel("Phone").fill(phone);
    await visitor.main.getByRole("button", { name: "Send code" }).click();
    await expect(visitor.main.getByLabel("Code")).toBeVisible();
    await visitor.main.getByLabel("Code").fill(await readNewestCode(visitor.page, phone));
    await visitor.main.getByLabel("Password").fill(`e2e-${Math.random().toString(36).slice(2, 12)}`);
    await visitor.main.getByRole("button", { name: "Create account" }).click();
    await expect(visitor.page).toHaveURL(/\/providers\/[0-9a-f-]{36}$/);
    await expect(visitor.main.getByRole("heading", { name: "Anna Provider", level: 1 })).toBeVisible();
  });

  await test.step("the provider is in My providers with Chat", async () => {
    await visitor.banner.getByRole("link", { name: "My providers" }).click();
    await expect(visitor.main.getByRole("link", { name: "Anna Provider" })).toBeVisible();
    await expect(visitor.main).toContainText("Invited you");
    await visitor.main.getByRole("link", { name: "Chat" }).click();
    await expect(visitor.main.getByRole("heading", { name: "Conversation with Anna Provider", level: 1 })).toBeVisible();
  });

  await test.step("the visitor writes with a PDF attached", async () => {
    await visitor.main.getByLabel("Message").fill("Here is my brief");
    await visitor.main.getByLabel("Attach a file").setInputFiles({ name: "brief.pdf", mimeType: "application/pdf", buffer: PDF });
    await visitor.main.getByRole("button", { name: "Send" }).click();
    await expect(visitor.main.getByText("Here is my brief")).toBeVisible();
    await expect(visitor.main.getByRole("button", { name: "Open brief.pdf" })).toBeVisible();
  });

  await test.step("the provider's bell count rises and the provider opens the file", async () => {
    await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
    await bell.click();
    const list = provider.banner.getByRole("region", { name: "Notifications" });
    await list.getByRole("link", { name: /New message from/ }).click();
    await expect(provider.page).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
    await expect(bell).toHaveAccessibleName("Notifications");
    await expect(provider.main.getByText("Here is my brief")).toBeVisible();
    const download = provider.page.waitForEvent("download");
    await provider.main.getByRole("button", { name: "Open brief.pdf" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("brief.pdf");
    const fs = await import("node:fs/promises");
    expect(await fs.readFile((await file.path())!)).toEqual(PDF);
  });

  await test.step("the visitor sees the message was read", async () => {
    await expect(visitor.main.getByText(/· Read$/)).toBeVisible();
  });
});
