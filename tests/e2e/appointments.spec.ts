import { expect } from "@playwright/test";
import { DEMO_MODERATOR_PHONE, DEMO_PASSWORD, rubles, signUp } from "./helpers.ts";
import { test, type Person } from "./people.ts";

// SPEC 16 end to end: a customer accepts the provider's terms, books a time, the provider
// accepts, and the customer starts the chat in the appointment's window while the provider
// is Busy. The server books from the next minute on and runs 8-second blocks
// (playwright.config.ts), so an 8-block appointment lasts about a minute.

const BLOCK_PRICE_MINOR = 10_000;
const BLOCKS = 8;

/** A new provider with a published text consultation (approved by the demo moderator), open now. */
async function newProviderWithConsultation(provider: Person, moderator: Person): Promise<string> {
  await signUp(provider.context.request);
  const created = await provider.context.request.post("/api/v1/tweeps", {
    data: {
      type: "consultation",
      languages: ["en"],
      title: { en: "Tax questions by appointment" },
      description: { en: "Book a time and ask about your taxes." },
      category: "finance",
      textPriceMinor: BLOCK_PRICE_MINOR,
    },
  });
  expect(created.ok(), await created.text()).toBe(true);
  const tweepId = ((await created.json()) as { tweep: { id: string } }).tweep.id;
  const submitted = await provider.context.request.post(`/api/v1/tweeps/${tweepId}/submit`, { data: {} });
  expect(submitted.ok(), await submitted.text()).toBe(true);

  const login = await moderator.context.request.post("/api/v1/auth/login", { data: { phone: DEMO_MODERATOR_PHONE, password: DEMO_PASSWORD } });
  expect(login.ok(), await login.text()).toBe(true);
  const queue = (await (await moderator.context.request.get("/api/v1/moderation/tweeps")).json()) as { items: { tweepId: string; version: string }[] };
  const item = queue.items.find((candidate) => candidate.tweepId === tweepId);
  expect(item).toBeDefined();
  const approved = await moderator.context.request.post(`/api/v1/moderation/tweeps/${tweepId}/approve`, { data: { version: item!.version } });
  expect(approved.ok(), await approved.text()).toBe(true);

  // Open this hour and the next two (Moscow keeps UTC+3): with one-minute steps a whole week
  // of open hours would be ten thousand buttons.
  const moscow = new Date(Date.now() + 3 * 3_600_000);
  const now = ((moscow.getUTCDay() + 6) % 7) * 24 + moscow.getUTCHours();
  const hours = [now, (now + 1) % 168, (now + 2) % 168];
  const grid = await provider.context.request.put("/api/v1/me/availability", { data: { timeZone: "Europe/Moscow", hours } });
  expect(grid.ok(), await grid.text()).toBe(true);
  return tweepId;
}

test("terms, booking, acceptance, the chat in the window while Busy, completed with price = paid + refunded", async ({ openPerson }) => {
  test.setTimeout(180_000);
  const provider = await openPerson();
  const customer = await openPerson();
  const moderator = await openPerson();
  const tweepId = await newProviderWithConsultation(provider, moderator);

  // The provider writes terms in Settings, then goes Busy on the dashboard.
  await provider.page.goto("/settings");
  const terms = provider.main.getByRole("region", { name: "My terms of service" });
  await terms.getByLabel("Terms text").fill("Come on time. The booked time is paid in full.");
  await terms.getByRole("button", { name: "Publish new version" }).click();
  await expect(terms.getByText("Version 1 is published.")).toBeVisible();
  await provider.page.goto("/dashboard");
  await provider.banner.getByLabel("Status").selectOption("busy");
  await expect(provider.banner.getByLabel("Status")).toHaveValue("busy");

  // The customer books the first free time for 8 blocks; the consent step comes first.
  await signUp(customer.context.request);
  const topUp = await customer.context.request.post("/api/v1/wallet/top-ups", { data: { amountMinor: 200_000 } });
  expect(topUp.ok(), await topUp.text()).toBe(true);
  await customer.page.goto(`/tweeps/${tweepId}`);
  const booking = customer.main.getByRole("region", { name: "Book a time" });
  await booking.getByLabel("Length").selectOption(String(BLOCKS));
  await expect(booking.getByText(`Price: ${rubles(BLOCKS * BLOCK_PRICE_MINOR)}`)).toBeVisible();
  // The second free time: the first may begin before the click reaches the server.
  await booking.getByTestId("slot").nth(1).click();
  await booking.getByRole("button", { name: `Book for ${rubles(BLOCKS * BLOCK_PRICE_MINOR)}` }).click();
  const consent = booking.getByRole("region", { name: /Provider's terms of service/ });
  await expect(consent.getByText("Come on time. The booked time is paid in full.")).toBeVisible();
  await consent.getByRole("button", { name: "I agree to the terms" }).click();
  await expect(booking.getByRole("status").filter({ hasText: "Requested." })).toBeVisible();

  // The provider accepts the request from the dashboard.
  const requests = provider.main.getByRole("region", { name: "Appointment requests" });
  await requests.getByRole("button", { name: "Accept" }).click();
  await expect(requests.getByText("No requests wait for your answer.")).toBeVisible();

  // In the window, the customer starts the chat; the Busy provider answers from the badge.
  await customer.page.goto("/appointments");
  const card = customer.main.getByRole("article");
  await expect(card.getByTestId("appointment-status")).toHaveText("Accepted");
  await expect(card.getByText(/Terms of service version 1 accepted/)).toBeVisible();
  await card.getByRole("button", { name: "Start chat" }).click();
  await expect(card.getByText("Calling the provider…")).toBeVisible();
  await provider.banner.getByRole("button", { name: "1 call waiting" }).click();
  await provider.page.getByRole("region", { name: "Incoming calls" }).getByRole("button", { name: "Answer" }).click();
  await expect(provider.page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  await expect(customer.page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);

  // A text session: the clock starts at the customer's second message and runs on 8-second blocks.
  const customerChat = customer.main.getByRole("region", { name: "Chat" });
  const providerChat = provider.main.getByRole("region", { name: "Chat" });
  await customerChat.getByLabel("Message").fill("Hello, it is my appointment.");
  await customerChat.getByRole("button", { name: "Send" }).click();
  await providerChat.getByLabel("Message").fill("Welcome, go ahead.");
  await providerChat.getByRole("button", { name: "Send" }).click();
  await expect(customerChat.getByText("Welcome, go ahead.")).toBeVisible();
  await customerChat.getByLabel("Message").fill("My question is about VAT.");
  await customerChat.getByRole("button", { name: "Send" }).click();
  await expect(customer.main.getByTestId("status-session-time")).toHaveText(/^00:(09|[1-5]\d)$/, { timeout: 30_000 });
  await customer.main.getByRole("button", { name: "End session" }).click();
  await expect(customer.main.getByTestId("session-ended")).toBeVisible();

  // The appointment is completed; the rest of the hold went to the provider.
  await customer.page.goto("/appointments");
  await expect(card.getByTestId("appointment-status")).toHaveText("Completed");
  const price = BLOCKS * BLOCK_PRICE_MINOR;
  await expect(card.getByTestId("appointment-price")).toHaveText(rubles(price));
  await expect(card.getByTestId("appointment-paid")).toHaveText(rubles(price));
  await expect(card.getByTestId("appointment-refunded")).toHaveText(rubles(0));
  await expect(card.getByTestId("appointment-remaining")).toHaveText(rubles(0));
  const [view] = ((await (await customer.context.request.get("/api/v1/appointments?as=customer")).json()) as { items: { priceMinor: number; paidMinor: number; refundedMinor: number }[] }).items;
  expect(view!.priceMinor).toBe(view!.paidMinor + view!.refundedMinor);
});
