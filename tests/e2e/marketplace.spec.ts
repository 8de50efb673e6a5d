import { readFile } from "node:fs/promises";
import { expect } from "@playwright/test";
import type { Locator } from "@playwright/test";
import { DEMO_MODERATOR_PHONE, DEMO_PASSWORD, rubles, setAccountLanguageToEnglish, signUp } from "./helpers.ts";
import { test, type Person } from "./people.ts";

// The marketplace issue end to end, with a browser per person: a provider publishes a
// tweep through moderation, a customer finds it, pays for it and gets what was paid for,
// and the money lands where it should. Accounts are made through the API; everything
// else happens on the pages, by role and accessible name.

const COMMISSION_PERCENT = 20;

/** Follows a link in the top bar and waits for the page it leads to (its heading has the link's name). */
async function openFromTopBar(person: Person, name: "My tweeps" | "My sales" | "Finances"): Promise<void> {
  await person.banner.getByRole("link", { name }).click();
  await expect(person.main.getByRole("heading", { name, level: 1 })).toBeVisible();
}

/** A word no other tweep contains, so a catalog search finds exactly one. */
function uniqueWord(): string {
  return `zq${Math.random().toString(36).slice(2, 9)}`;
}

type TweepDraft = {
  type: "Work to order" | "Files";
  category: string;
  price: string;
  ru?: { title: string; description: string };
  en?: { title: string; description: string };
};

/** Fills "New tweep" and saves it; returns the new tweep's id, read from the edit page's address. */
async function createTweep(provider: Person, draft: TweepDraft): Promise<string> {
  const { page, main } = provider;
  await page.goto("/");
  await openFromTopBar(provider, "My tweeps");
  await main.getByRole("link", { name: "New tweep" }).click();

  const form = main.getByRole("form", { name: "New tweep" });
  await form.getByLabel("Type").selectOption({ label: draft.type });
  for (const [language, content] of [
    ["Russian", draft.ru],
    ["English", draft.en],
  ] as const) {
    const box = form.getByRole("checkbox", { name: language });
    if (!content) {
      await box.uncheck();
      continue;
    }
    await box.check();
    await form.getByLabel(`Title (${language})`).fill(content.title);
    await form.getByLabel(`Description (${language})`).fill(content.description);
  }
  await form.getByLabel("Category").selectOption({ label: draft.category });
  await form.getByLabel("Price", { exact: true }).fill(draft.price);
  await form.getByRole("button", { name: "Save" }).click();

  await expect(page).toHaveURL(/\/my-tweeps\/[0-9a-f-]{36}$/);
  const edit = main.getByRole("form", { name: "Edit tweep" });
  await expect(edit.getByRole("status")).toHaveText("Saved.");
  await expect(edit).toContainText("Draft");
  return /\/my-tweeps\/([0-9a-f-]{36})$/.exec(page.url())?.[1] as string;
}

async function submitForModeration(provider: Person): Promise<void> {
  const edit = provider.main.getByRole("form", { name: "Edit tweep" });
  await edit.getByRole("button", { name: "Submit for moderation" }).click();
  await expect(edit.getByRole("status").filter({ hasText: "Submitted." })).toBeVisible();
  await expect(edit.getByRole("status").filter({ hasText: "This tweep is being moderated" })).toBeVisible();
  await expect(edit).toContainText("In moderation");
  // Nothing can be changed while a moderator decides.
  await expect(edit.getByRole("button", { name: "Save" })).toHaveCount(0);
}

/** The demo moderator opens /moderation, logs in on the way, and approves the tweep with this (English) title. */
async function approveAsModerator(moderator: Person, title: string, alsoShows: string[] = []): Promise<void> {
  const { page, main } = moderator;
  await page.goto("/moderation");
  await expect(page).toHaveURL(/\/login\?next=%2Fmoderation$/);
  await main.getByLabel("Phone").fill(DEMO_MODERATOR_PHONE);
  await main.getByLabel("Password").fill(DEMO_PASSWORD);
  await main.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/moderation$/);
  // The demo moderator's account is in Russian, and logging in switched the interface to it.
  await setAccountLanguageToEnglish(moderator.context.request);
  await page.reload();
  await expect(main.getByRole("heading", { name: "Moderation", level: 1 })).toBeVisible();
  const card = main.getByRole("article", { name: title });
  await expect(card).toContainText("New tweep");
  for (const text of alsoShows) await expect(card).toContainText(text);
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(main.getByRole("status")).toHaveText(`Approved: ${title}`);
  await expect(card).toHaveCount(0);
}

/** Finds a tweep in the catalog on `/` by a word of its text and opens it. */
async function findInCatalog(customer: Person, words: string, title: string): Promise<void> {
  const { page, main } = customer;
  await page.goto("/");
  const search = main.getByRole("search", { name: "Find a tweep" });
  await search.getByRole("searchbox", { name: "Search" }).fill(words);
  await search.getByRole("button", { name: "Find" }).click();
  const catalog = main.getByRole("region", { name: "Find a tweep" });
  await expect(catalog.getByRole("status")).toHaveText("1 tweep found");
  await catalog.getByRole("article", { name: title }).getByRole("link", { name: title }).click();
  await expect(main.getByRole("heading", { name: title, level: 1 })).toBeVisible();
}

async function topUpOnFinances(customer: Person, amount: string, expected: string): Promise<void> {
  const { main, banner } = customer;
  await openFromTopBar(customer, "Finances");
  const topUp = main.getByRole("form", { name: "Top up" });
  await topUp.getByLabel("Amount").fill(amount);
  await topUp.getByRole("button", { name: "Top up" }).click();
  await expect(topUp.getByRole("status")).toHaveText(`${expected} has been added to your balance.`);
  await expect(banner.getByLabel("Balance")).toHaveText(expected);
}

/** "Order" beside the price, then "Pay and order" in the confirmation. */
async function orderFromTweepPage(customer: Person, price: string): Promise<void> {
  const { page, main } = customer;
  const prices = main.getByRole("region", { name: "Prices and ordering" });
  await expect(prices.getByRole("group", { name: "Price" })).toContainText(price);
  await prices.getByRole("button", { name: "Order" }).click();
  const dialog = page.getByRole("dialog", { name: "Confirm order" });
  await expect(dialog).toContainText(`${price} will be charged from your balance now`);
  await dialog.getByRole("button", { name: "Pay and order" }).click();
}

function movementRow(main: Locator, name: string | RegExp): Locator {
  return main.getByRole("table", { name: "Movements" }).getByRole("row", { name });
}

test("a bilingual work tweep: moderated, found, paid after an exact top-up, reworked once and accepted", async ({ openPerson }) => {
  const word = uniqueWord();
  const titleEn = `Landing page copy ${word}`;
  const titleRu = `Текст для лендинга ${word}`;
  const priceMinor = 123_450;
  const commissionMinor = (priceMinor * COMMISSION_PERCENT) / 100;
  const netMinor = priceMinor - commissionMinor;
  const firstTopUpMinor = 50_000;
  const shortfallMinor = priceMinor - firstTopUpMinor;
  const price = rubles(priceMinor);

  const provider = await openPerson();
  const moderator = await openPerson();
  const customer = await openPerson();
  await signUp(provider.context.request);
  await signUp(customer.context.request);
  let tweepId = "";
  let orderId = "";

  await test.step("the provider creates a bilingual work tweep and submits it", async () => {
    tweepId = await createTweep(provider, {
      type: "Work to order",
      category: "Business and marketing",
      price: "1234.50",
      ru: { title: titleRu, description: "Напишу продающий текст для посадочной страницы за два дня." },
      en: { title: titleEn, description: "Selling copy for your landing page, written in two days." },
    });
    await submitForModeration(provider);
  });

  await test.step("the moderator approves it", async () => {
    await approveAsModerator(moderator, titleEn, [titleRu, "Work to order", `Price: ${price}`]);
    await provider.page.goto("/my-tweeps");
    await expect(provider.main.getByRole("listitem").filter({ hasText: titleEn })).toContainText("Published");
  });

  await test.step("the customer tops up a little and finds the tweep by its Russian and its English text", async () => {
    await customer.page.goto("/");
    await topUpOnFinances(customer, "500", rubles(firstTopUpMinor));
    // The unique word keeps the result to this tweep; the other word is only in one language.
    await findInCatalog(customer, `посадочной ${word}`, titleEn);
    await findInCatalog(customer, `selling ${word}`, titleEn);
    await expect(customer.page).toHaveURL(new RegExp(`/tweeps/${tweepId}$`));
  });

  await test.step("with a short balance the order offers a top-up of exactly the missing amount", async () => {
    await orderFromTweepPage(customer, price);
    const prices = customer.main.getByRole("region", { name: "Prices and ordering" });
    await expect(prices.getByRole("alert")).toContainText(`Your balance is ${rubles(shortfallMinor)} short for this order.`);
    await prices.getByRole("link", { name: `Top up ${rubles(shortfallMinor)}` }).click();

    await expect(customer.page).toHaveURL(/\/finances\?/);
    const topUp = customer.main.getByRole("form", { name: "Top up" });
    await expect(customer.main).toContainText(`Your order needs ${rubles(shortfallMinor)} more.`);
    await expect(topUp.getByLabel("Amount")).toHaveValue("734.50");
    await topUp.getByRole("button", { name: "Top up" }).click();

    // Back where the order was started, with just enough money.
    await expect(customer.page).toHaveURL(new RegExp(`/tweeps/${tweepId}$`));
    await expect(customer.banner.getByLabel("Balance")).toHaveText(price);
    await orderFromTweepPage(customer, price);
    await expect(customer.page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
    orderId = /\/orders\/([0-9a-f-]{36})$/.exec(customer.page.url())?.[1] as string;
    await expect(customer.main.getByRole("heading", { name: titleEn, level: 1 })).toBeVisible();
    await expect(customer.main.getByRole("region", { name: "Details" })).toContainText(`Held in the order${price}`);
    await expect(customer.banner.getByLabel("Balance")).toHaveText(rubles(0));
  });

  const customerThread = customer.main.getByRole("region", { name: "Conversation" });
  const providerThread = provider.main.getByRole("region", { name: "Conversation" });

  await test.step("customer and provider talk on the order card", async () => {
    await customerThread.getByLabel("Message").fill("Hello! The page sells a yoga course.");
    await customerThread.getByRole("button", { name: "Send" }).click();
    const sent = customerThread.getByRole("listitem").filter({ hasText: "Hello! The page sells a yoga course." });
    await expect(sent).toContainText("You");

    await openFromTopBar(provider, "My sales");
    await provider.main.getByRole("link", { name: titleEn }).click();
    await expect(provider.page).toHaveURL(new RegExp(`/orders/${orderId}$`));
    const history = providerThread.getByRole("list", { name: "Conversation history" });
    await expect(history.getByRole("listitem").filter({ hasText: "Hello! The page sells a yoga course." })).toContainText("Customer");
    await providerThread.getByLabel("Message").fill("Got it, the first draft comes tomorrow.");
    await providerThread.getByRole("button", { name: "Send" }).click();

    // The reply reaches the customer's open page over the live connection, without a reload.
    const reply = customerThread.getByRole("listitem").filter({ hasText: "Got it, the first draft comes tomorrow." });
    await expect(reply).toContainText("Provider");
  });

  const customerActions = customer.main.getByRole("region", { name: "What you can do" });
  const providerActions = provider.main.getByRole("region", { name: "What you can do" });

  await test.step("the provider delivers, the customer returns it for rework once", async () => {
    await providerActions.getByRole("button", { name: "Work done" }).click();
    await expect(providerActions.getByRole("status")).toHaveText("The customer has been told that the work is done.");

    await expect(customer.main.getByText("Work done, awaiting acceptance")).toBeVisible();
    await customerActions.getByRole("button", { name: "Return for rework" }).click();
    const dialog = customer.page.getByRole("dialog", { name: "Return the work for rework?" });
    await dialog.getByRole("button", { name: "Yes, return it" }).click();
    await expect(customerActions.getByRole("status")).toHaveText("The work has been returned for rework.");
    await expect(customer.main.getByText("In progress", { exact: true })).toBeVisible();
    await expect(customerActions.getByRole("button", { name: "Accept" })).toHaveCount(0);
  });

  await test.step("the provider delivers again and the customer accepts", async () => {
    await expect(provider.main.getByText("In progress", { exact: true })).toBeVisible();
    await providerActions.getByRole("button", { name: "Work done" }).click();
    await expect(providerActions.getByRole("status")).toHaveText("The customer has been told that the work is done.");

    await customerActions.getByRole("button", { name: "Accept" }).click();
    const dialog = customer.page.getByRole("dialog", { name: "Accept the work?" });
    await dialog.getByRole("button", { name: "Yes, accept the work" }).click();
    await expect(customerActions.getByRole("status")).toHaveText("You accepted the work. Thank you!");
    await expect(customer.main.getByText("Accepted", { exact: true })).toBeVisible();
    await expect(customer.main.getByRole("region", { name: "Details" })).toContainText(`Held in the order${rubles(0)}`);
  });

  await test.step("the customer paid the price", async () => {
    await openFromTopBar(customer, "Finances");
    await expect(customer.main.getByRole("region", { name: "Balance" })).toContainText(rubles(0));
    const escrow = movementRow(customer.main, /Work paid into escrow/);
    await expect(escrow).toContainText(rubles(-priceMinor, { signed: true }));
    await expect(escrow.getByRole("link", { name: `Order ${orderId.slice(0, 8)}` })).toHaveAttribute("href", `/orders/${orderId}`);
    await expect(movementRow(customer.main, /Top-up/)).toHaveCount(2);
  });

  await test.step("the provider got the price less 20 % commission", async () => {
    await openFromTopBar(provider, "Finances");
    // SPEC 17: earnings are pending for 72 hours; the top bar's balance is what is available.
    await expect(provider.main.getByTestId("pending-balance")).toHaveText(rubles(netMinor));
    await expect(provider.banner.getByLabel("Balance")).toHaveText(rubles(0));
    await expect(movementRow(provider.main, /Payment for accepted work/)).toContainText(rubles(netMinor, { signed: true }));

    await openFromTopBar(provider, "My sales");
    const sale = provider.main.getByRole("listitem").filter({ has: provider.page.getByRole("link", { name: titleEn }) });
    await expect(sale).toContainText("Accepted");
    await expect(sale).toContainText(`Gross${price}`);
    await expect(sale).toContainText(`Commission${rubles(commissionMinor)}`);
    await expect(sale).toContainText(`Net${rubles(netMinor)}`);
  });
});

test("a files tweep: the buyer downloads exactly the uploaded file and pays its price", async ({ openPerson }) => {
  const word = uniqueWord();
  const title = `Checklist for freelancers ${word}`;
  const fileName = `checklist-${word}.txt`;
  const fileBytes = Buffer.from(`Freelance checklist ${word}\n1. Contract\n2. Invoice\n3. Act — акт\n`, "utf8");
  const priceMinor = 45_000;

  const provider = await openPerson();
  const moderator = await openPerson();
  const customer = await openPerson();
  await signUp(provider.context.request);
  await signUp(customer.context.request);

  await test.step("the provider makes a files tweep with a file and submits it", async () => {
    await createTweep(provider, {
      type: "Files",
      category: "Career",
      price: "450",
      en: { title, description: "A one-page checklist: contract, invoice, act." },
    });
    const files = provider.main.getByRole("region", { name: "Files for buyers" });
    await expect(files).toContainText("No files yet.");
    await files.getByLabel("Upload file").setInputFiles({ name: fileName, mimeType: "text/plain", buffer: fileBytes });
    await expect(provider.main.getByRole("status").filter({ hasText: `${fileName} is uploaded.` })).toBeVisible();
    await expect(files.getByRole("listitem")).toHaveCount(1);
    await expect(files.getByRole("listitem")).toContainText(fileName);
    await submitForModeration(provider);
  });

  await test.step("the moderator approves it", async () => {
    await approveAsModerator(moderator, title, ["Files", `Price: ${rubles(priceMinor)}`]);
  });

  await test.step("the customer tops up and buys it", async () => {
    await customer.page.goto("/");
    await topUpOnFinances(customer, "1000", rubles(100_000));
    await findInCatalog(customer, word, title);
    await orderFromTweepPage(customer, rubles(priceMinor));
    await expect(customer.page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
    await expect(customer.main.getByText("Paid", { exact: true })).toBeVisible();
    await expect(customer.banner.getByLabel("Balance")).toHaveText(rubles(100_000 - priceMinor));
  });

  await test.step("the download is the uploaded file, byte for byte", async () => {
    const files = customer.main.getByRole("region", { name: "Files", exact: true });
    const downloadPromise = customer.page.waitForEvent("download");
    await files.getByRole("button", { name: `Download ${fileName}` }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe(fileName);
    const saved = await download.path();
    expect(await readFile(saved)).toEqual(fileBytes);
  });

  await test.step("the money moved: the customer paid the price, the provider got it less commission", async () => {
    await openFromTopBar(customer, "Finances");
    await expect(customer.main.getByRole("region", { name: "Balance" })).toContainText(rubles(100_000 - priceMinor));
    await expect(movementRow(customer.main, /Purchase of files/)).toContainText(rubles(-priceMinor, { signed: true }));
    const netMinor = priceMinor - (priceMinor * COMMISSION_PERCENT) / 100;
    await provider.page.goto("/finances");
    await expect(provider.main.getByTestId("pending-balance")).toHaveText(rubles(netMinor));
  });
});
