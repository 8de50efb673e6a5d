import { expect } from "@playwright/test";
import { demoConsultation, rubles, signUp } from "./helpers.ts";
import { test, type Person } from "./people.ts";
import { framesDecoded, logInDemoProvider, recordPeerConnections } from "./live-call.ts";

// Live consultations end to end (SPEC 5 and 9), with the demo provider (+79990000002, one
// published consultation: video ₽1,500.00 and text ₽900.00 a block) and a new customer.
// The server runs with 8-second blocks (playwright.config.ts), so a whole billing cycle,
// warning and cut-off included, takes about twenty seconds.

const BLOCK_SECONDS = 8;
const COMMISSION_PERCENT = 20;

/** A new customer with `fundMinor` on the balance orders the demo consultation in `medium`. */
async function orderDemoConsultation(customer: Person, medium: "Video chat" | "Text chat", fundMinor: number): Promise<string> {
  await signUp(customer.context.request);
  const topUp = await customer.context.request.post("/api/v1/wallet/top-ups", { data: { amountMinor: fundMinor } });
  expect(topUp.ok(), await topUp.text()).toBe(true);
  const tweep = await demoConsultation(customer.context.request);
  await customer.page.goto(`/tweeps/${tweep.id}`);
  const prices = customer.main.getByRole("region", { name: "Prices and ordering" });
  await prices.getByRole("group", { name: medium }).getByRole("button", { name: "Order" }).click();
  await customer.page.getByRole("dialog", { name: "Confirm order" }).getByRole("button", { name: "Pay and order" }).click();
  await expect(customer.page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  return customer.page.url().split("/orders/")[1]!;
}

/** "Start chat" on the order card; the provider hears the ring and answers; both reach the session page. */
async function callAndAnswer(customer: Person, provider: Person) {
  const startChat = customer.main.getByRole("button", { name: "Start chat" });
  await expect(startChat).toBeEnabled();
  await startChat.click();
  await expect(customer.main.getByRole("status").filter({ hasText: "Calling…" })).toBeVisible();

  const calls = provider.page.getByRole("region", { name: "Incoming calls" });
  await expect(calls).toBeVisible();
  // Under Available the ring tone plays (SPEC 5).
  await expect.poll(() => provider.page.locator('[data-testid="ring-tone"]').evaluate((audio: HTMLAudioElement) => !audio.paused)).toBe(true);
  await calls.getByRole("button", { name: "Answer" }).click();
  await expect(provider.page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  await expect(customer.page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  await expect.poll(() => provider.page.locator('[data-testid="ring-tone"]').evaluate((audio: HTMLAudioElement) => audio.paused)).toBe(true);
}

async function expectCutOff(person: Person, blocks: number) {
  const ended = person.main.getByTestId("session-ended");
  await expect(ended).toContainText("The session was cut off", { timeout: 40_000 });
  await expect(ended).toContainText("the customer's balance ran out");
  await expect(ended.getByTestId("summary-blocks")).toHaveText(String(blocks));
  await expect(person.main.getByRole("button", { name: "End session" })).toHaveCount(0);
}

/** Both finances pages show this order's block charges (block 0 from the hold, the rest from the balance). */
async function expectChargesOnFinances(customer: Person, provider: Person, orderId: string, priceMinor: number, blocks: number) {
  const netMinor = priceMinor - (priceMinor * COMMISSION_PERCENT) / 100;
  for (const [person, amount] of [
    [customer, rubles(-priceMinor, { signed: true })],
    [provider, rubles(netMinor, { signed: true })],
  ] as const) {
    await person.page.goto("/finances");
    const rows = person.main
      .getByRole("table", { name: "Movements" })
      .getByRole("row")
      .filter({ has: person.page.getByRole("link", { name: `Order ${orderId.slice(0, 8)}` }) })
      .filter({ hasText: amount });
    // The customer: the prepaid block into the hold, then blocks 1…; the provider: every block.
    await expect(rows).toHaveCount(blocks);
  }
  await customer.page.goto("/finances");
  await expect(customer.banner.getByText(rubles(0))).toBeVisible();
}

test("a video consultation: ring, answer, provider video decoded, customer camera on, cut off when the money runs out", async ({ openPerson }) => {
  test.setTimeout(120_000);
  const priceMinor = 150_000;
  const provider = await openPerson();
  const customer = await openPerson();
  await recordPeerConnections(provider);
  await recordPeerConnections(customer);
  await logInDemoProvider(provider);
  // The hold pays block 0 and the balance exactly block 1; block 2 cannot be paid.
  const orderId = await orderDemoConsultation(customer, "Video chat", 2 * priceMinor);
  await callAndAnswer(customer, provider);

  await expect(customer.main.getByText("Waiting for the provider to start the session…")).toBeVisible();
  await expect(customer.main.getByTestId("status-session-time")).toHaveText("Not started");
  await provider.main.getByRole("button", { name: "Start session" }).click();

  // The clock starts when the provider's media reaches the customer, and the status line counts.
  await expect.poll(() => framesDecoded(customer.page), { timeout: 30_000 }).toBeGreaterThanOrEqual(30);
  await expect(customer.main.getByTestId("status-session-time")).toHaveText(/^00:0\d$/);
  const first = await customer.main.getByTestId("status-session-time").textContent();
  await expect(customer.main.getByTestId("status-session-time")).not.toHaveText(first!);
  await expect(provider.main.getByTestId("status-block-left")).toHaveText(/^00:0\d$/);

  // One-way until the customer turns the camera on; then the provider decodes it too.
  expect(await framesDecoded(provider.page)).toBe(0);
  await customer.main.getByRole("button", { name: "Turn camera on" }).click();
  await expect.poll(() => framesDecoded(provider.page), { timeout: 20_000 }).toBeGreaterThanOrEqual(30);
  await expect(customer.main.getByRole("button", { name: "Turn camera off" })).toBeVisible();

  // A block before the unpaid boundary the customer is warned, with a top-up at hand.
  await expect(customer.main.getByRole("alert").filter({ hasText: "Your balance will not cover the next block" })).toBeVisible({
    timeout: 3 * BLOCK_SECONDS * 1000,
  });
  await expect(customer.main.getByRole("button", { name: `Top up ${rubles(priceMinor)}` })).toBeVisible();
  await expectCutOff(customer, 2);
  await expectCutOff(provider, 2);

  await customer.page.goto(`/orders/${orderId}`);
  const sessions = customer.main.getByRole("table", { name: "Sessions" });
  await expect(sessions.getByRole("row").nth(1)).toContainText("Cut off: the customer's balance ran out");
  await expect(sessions.getByRole("row").nth(1)).toContainText(`2 blocks · ${rubles(2 * priceMinor)}`);
  await expectChargesOnFinances(customer, provider, orderId, priceMinor, 2);
});

test("a text consultation: the clock starts at the second message, typing shows, a top-up in the session, cut off at the boundary", async ({ openPerson }) => {
  test.setTimeout(150_000);
  const priceMinor = 90_000;
  const provider = await openPerson();
  const customer = await openPerson();
  await logInDemoProvider(provider);
  const orderId = await orderDemoConsultation(customer, "Text chat", 2 * priceMinor);
  await callAndAnswer(customer, provider);

  const customerChat = customer.main.getByRole("region", { name: "Chat" });
  const providerChat = provider.main.getByRole("region", { name: "Chat" });
  await customerChat.getByLabel("Message").fill("Hello! I have a question.");
  await expect(providerChat.getByText("The customer is typing…")).toBeVisible();
  await customerChat.getByRole("button", { name: "Send" }).click();
  await expect(providerChat.getByText("Hello! I have a question.")).toBeVisible();
  // One message is not a session yet.
  await expect(customer.main.getByTestId("status-session-time")).toHaveText("Not started");

  await providerChat.getByLabel("Message").fill("Hi, go ahead.");
  await providerChat.getByRole("button", { name: "Send" }).click();
  await expect(customerChat.getByText("Hi, go ahead.")).toBeVisible();
  await expect(customer.main.getByTestId("status-session-time")).toHaveText("Not started");

  await customerChat.getByLabel("Message").fill("Here it is: how do I start?");
  await customerChat.getByRole("button", { name: "Send" }).click();
  await expect(customer.main.getByTestId("status-session-time")).toHaveText(/^00:0\d$/);
  await expect(provider.main.getByTestId("status-session-time")).toHaveText(/^00:0\d$/);

  // Block 1 takes the whole balance; before block 2 the customer is warned and tops up the
  // missing amount from the session page, which stays open, so block 2 is paid too.
  const warning = customer.main.getByRole("alert").filter({ hasText: "Your balance will not cover the next block" });
  await expect(warning).toBeVisible({ timeout: 3 * BLOCK_SECONDS * 1000 });
  await expect(customer.main.getByTestId("status-balance")).toHaveText(rubles(0));
  await warning.getByRole("button", { name: `Top up ${rubles(priceMinor)}` }).click();
  await expect(warning).toBeHidden();
  await expect(customer.main.getByTestId("status-balance")).toHaveText(rubles(priceMinor));
  await expect(customer.page).toHaveURL(/\/sessions\//);

  await expectCutOff(customer, 3);
  await expectCutOff(provider, 3);
  await expectChargesOnFinances(customer, provider, orderId, priceMinor, 3);
});

test("presence: a watching customer sees the provider's status change and a closed tab go offline", async ({ openPerson }) => {
  const provider = await openPerson();
  const customer = await openPerson();
  await logInDemoProvider(provider);
  await orderDemoConsultation(customer, "Text chat", 200_000);
  const status = customer.main.getByTestId("provider-live-status");
  await expect(status).toHaveText("The provider is on the site and available.");
  await expect(customer.main.getByRole("button", { name: "Start chat" })).toBeEnabled();

  await provider.banner.getByLabel("Status").selectOption("busy");
  await expect(status).toHaveText("The provider is busy.");
  await expect(customer.main.getByRole("button", { name: "Start chat" })).toBeDisabled();

  await provider.banner.getByLabel("Status").selectOption("available");
  await expect(status).toHaveText("The provider is on the site and available.");
  await provider.page.close();
  await expect(status).toHaveText("The provider is not on the site now.", { timeout: 30_000 });
  await expect(customer.main.getByRole("button", { name: "Start chat" })).toBeDisabled();
});
