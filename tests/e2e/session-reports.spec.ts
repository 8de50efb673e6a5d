import { expect } from "@playwright/test";
import { DEMO_MODERATOR_PHONE, DEMO_PASSWORD, rubles, setAccountLanguageToEnglish, signUp } from "./helpers.ts";
import { test } from "./people.ts";
import { logInDemoProvider } from "./live-call.ts";

// SPEC 17 end to end: a customer reports a text session as not genuine, the demo moderator
// upholds the report on the moderation page with the evidence in view, the customer's
// Finances show the refund, and the provider's pending earnings shrink by the session's share.
// Blocks are 8 seconds long (playwright.config.ts); the text price is ₽900.00 a block.

const PRICE_MINOR = 90_000;
const NET_MINOR = PRICE_MINOR - (PRICE_MINOR * 20) / 100;

/** "₽1,440.00" → 144000: the demo provider may hold other specs' pending earnings, so the test compares. */
function minorOf(text: string | null): number {
  return Number((text ?? "").replace(/[^\d]/g, ""));
}

test("a customer reports a session, a moderator upholds it, the money goes back from the provider's pending earnings", async ({ openPerson }) => {
  test.setTimeout(150_000);
  const provider = await openPerson();
  const customer = await openPerson();
  const moderator = await openPerson();
  await logInDemoProvider(provider);

  // The customer orders the text consultation (the first block prepaid) with money for one more.
  await signUp(customer.context.request);
  const topUp = await customer.context.request.post("/api/v1/wallet/top-ups", { data: { amountMinor: 2 * PRICE_MINOR } });
  expect(topUp.ok(), await topUp.text()).toBe(true);
  const catalog = await customer.context.request.get("/api/v1/tweeps?type=consultation");
  const { items } = (await catalog.json()) as { items: { id: string; providerId: string }[] };
  // The demo provider's tweep: other specs may have published consultations of their own since.
  const me = (await (await provider.context.request.get("/api/v1/me")).json()) as { user: { id: string } };
  const tweep = items.find((item) => item.providerId === me.user.id);
  expect(tweep, "the demo provider's consultation").toBeDefined();
  await customer.page.goto(`/tweeps/${tweep!.id}`);
  const prices = customer.main.getByRole("region", { name: "Prices and ordering" });
  await prices.getByRole("group", { name: "Text chat" }).getByRole("button", { name: "Order" }).click();
  await customer.page.getByRole("dialog", { name: "Confirm order" }).getByRole("button", { name: "Pay and order" }).click();
  // SPEC 16: when the demo provider has published terms (another spec may have), ordering asks
  // for consent first and then places the same order.
  const agree = customer.main.getByRole("region", { name: /Provider's terms of service/ }).getByRole("button", { name: "I agree to the terms" });
  await expect(agree.or(customer.main.getByRole("button", { name: "Start chat" }))).toBeVisible();
  if (await agree.isVisible()) await agree.click();
  await expect(customer.page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);

  await customer.main.getByRole("button", { name: "Start chat" }).click();
  const calls = provider.page.getByRole("region", { name: "Incoming calls" });
  await calls.getByRole("button", { name: "Answer" }).click();
  await expect(customer.page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  await expect(provider.page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);

  // The customer's second message starts the clock (as in live-sessions.spec.ts); the session runs into its second block, then the customer ends it.
  const customerChat = customer.main.getByRole("region", { name: "Chat" });
  const providerChat = provider.main.getByRole("region", { name: "Chat" });
  await customerChat.getByLabel("Message").fill("Hello, are you there?");
  await customerChat.getByRole("button", { name: "Send" }).click();
  await expect(providerChat.getByText("Hello, are you there?")).toBeVisible();
  await providerChat.getByLabel("Message").fill("Yes.");
  await providerChat.getByRole("button", { name: "Send" }).click();
  await expect(customerChat.getByText("Yes.")).toBeVisible();
  await customerChat.getByLabel("Message").fill("So, my question…");
  await customerChat.getByRole("button", { name: "Send" }).click();
  // Past the second block's start (8 s), well before the third's, which the balance could not pay.
  await expect(customer.main.getByTestId("status-session-time")).toHaveText(/^00:(09|1[0-2])$/, { timeout: 20_000 });
  await customer.main.getByRole("button", { name: "End session" }).click();
  const summary = customer.main.getByTestId("session-ended");
  await expect(summary).toBeVisible();
  await expect(summary.getByTestId("summary-blocks")).toHaveText("2");

  // The provider's two blocks are pending on their Finances page.
  await provider.page.goto("/finances");
  await expect(provider.main.getByTestId("pending-balance")).toBeVisible();
  const pendingBefore = minorOf(await provider.main.getByTestId("pending-balance").textContent());
  expect(pendingBefore).toBeGreaterThanOrEqual(2 * NET_MINOR);
  await expect(provider.main.getByRole("region", { name: "Pending earnings" }).getByText(/Clears/).first()).toBeVisible();

  // "Report this session" on the customer's summary.
  await summary.getByRole("button", { name: "Report this session" }).click();
  await summary.getByRole("radio", { name: "The provider was absent or silent" }).check();
  await summary.getByLabel("Details (required for “Other”)").fill("He only wrote one word.");
  await summary.getByRole("button", { name: "Send report" }).click();
  await expect(summary.getByTestId("session-report-status")).toHaveText(/You reported this session/);

  // The moderator sees the report with its evidence and upholds it.
  const login = await moderator.context.request.post("/api/v1/auth/login", { data: { phone: DEMO_MODERATOR_PHONE, password: DEMO_PASSWORD } });
  expect(login.ok(), await login.text()).toBe(true);
  await setAccountLanguageToEnglish(moderator.context.request);
  await moderator.page.goto("/moderation");
  const reports = moderator.main.getByRole("region", { name: "Session reports" });
  const report = reports.getByTestId("session-report").filter({ hasText: "He only wrote one word." });
  await expect(report).toBeVisible();
  await expect(report.getByTestId("evidence-blocks")).toContainText(`2 (${rubles(2 * PRICE_MINOR)})`);
  await expect(report.getByText("Hello, are you there?")).toBeVisible();
  await report.getByLabel("Moderator's reason").fill("The provider did not consult.");
  await report.getByRole("button", { name: "Uphold" }).click();
  await expect(reports.getByRole("status")).toHaveText("The report was upheld and the session refunded.");

  // The customer's Finances list the refund of both blocks; the provider's pending earnings are gone.
  await customer.page.goto("/finances");
  const refund = customer.main
    .getByRole("table", { name: "Movements" })
    .getByRole("row")
    .filter({ hasText: "Refund: session report upheld" });
  await expect(refund).toContainText(rubles(2 * PRICE_MINOR, { signed: true }));
  await expect(customer.main.getByTestId("available-balance")).toHaveText(rubles(2 * PRICE_MINOR));
  await provider.page.goto("/finances");
  const pendingAfter = pendingBefore - 2 * NET_MINOR;
  if (pendingAfter === 0) await expect(provider.main.getByTestId("pending-balance")).toHaveCount(0);
  else await expect(provider.main.getByTestId("pending-balance")).toHaveText(rubles(pendingAfter));
});
