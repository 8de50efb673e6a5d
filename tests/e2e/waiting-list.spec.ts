import { expect } from "@playwright/test";
import type { Locator } from "@playwright/test";
import { DEMO_PASSWORD, demoConsultation, rubles, setAccountLanguageToEnglish, signUp } from "./helpers.ts";
import { test, type Person } from "./people.ts";

// SPEC 15 end to end: a busy provider, a customer who joins the waiting list, the turn when
// the session before ends, and the provider's dashboard plotting the money that session made.
// The demo provider (+79990000002) sells text chats at ₽900.00 a block; the server runs
// with 8-second blocks and a 2-second void window (playwright.config.ts).

const DEMO_PROVIDER_PHONE = "+79990000002";
const TEXT_PRICE_MINOR = 90_000;
const NET_PER_BLOCK_MINOR = TEXT_PRICE_MINOR - (TEXT_PRICE_MINOR * 20) / 100;

async function logInDemoProvider(provider: Person) {
  const answer = await provider.context.request.post("/api/v1/auth/login", { data: { phone: DEMO_PROVIDER_PHONE, password: DEMO_PASSWORD } });
  expect(answer.ok(), await answer.text()).toBe(true);
  await setAccountLanguageToEnglish(provider.context.request);
}

async function orderTextChat(customer: Person, blocks: number): Promise<string> {
  await signUp(customer.context.request);
  const topUp = await customer.context.request.post("/api/v1/wallet/top-ups", { data: { amountMinor: blocks * TEXT_PRICE_MINOR } });
  expect(topUp.ok(), await topUp.text()).toBe(true);
  const tweep = await demoConsultation(customer.context.request);
  await customer.page.goto(`/tweeps/${tweep.id}`);
  const prices = customer.main.getByRole("region", { name: "Prices and ordering" });
  await prices.getByRole("group", { name: "Text chat" }).getByRole("button", { name: "Order" }).click();
  await customer.page.getByRole("dialog", { name: "Confirm order" }).getByRole("button", { name: "Pay and order" }).click();
  await expect(customer.page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  return customer.page.url().split("/orders/")[1]!;
}

async function answerIncomingCall(provider: Person) {
  const calls = provider.page.getByRole("region", { name: "Incoming calls" });
  await calls.getByRole("button", { name: "Answer" }).click();
  await expect(provider.page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
}

/** Today's net earnings as the dashboard's earnings chart states them (its accessible data table). */
async function earningsToday(dashboard: Locator): Promise<string> {
  const today = new Intl.DateTimeFormat("en", { timeZone: "Europe/Moscow", day: "numeric", month: "short" }).format(new Date());
  const row = dashboard.getByRole("table", { name: "Earnings" }).getByRole("row").filter({ has: dashboard.page().getByRole("rowheader", { name: today, exact: true }) });
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  return (await row.getByRole("cell").first().textContent()) ?? "";
}

function minorOf(money: string): number {
  const digits = money.replace(/[^\d]/g, "");
  return Number(digits);
}

test("a busy provider's queue: join, place and wait, the turn, the chat, and the earnings plot", async ({ openPerson }) => {
  test.setTimeout(240_000);
  const provider = await openPerson();
  const first = await openPerson();
  const second = await openPerson();
  await logInDemoProvider(provider);

  // The provider's dashboard: today's earnings before anything happens. (The first visit of
  // a page compiles nothing in production, but its charts' code is the largest chunk here.)
  await provider.page.goto("/dashboard");
  await expect(provider.main.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible({ timeout: 45_000 });
  await provider.main.getByRole("heading", { name: "Dashboard", level: 1 }).click();
  await provider.banner.getByLabel("Status").selectOption("available");
  await expect(provider.banner.getByLabel("Status")).toHaveValue("available");
  const statsSection = provider.main.getByRole("region", { name: "Statistics" });
  const before = minorOf(await earningsToday(statsSection));
  // Other specs may have called the demo provider today on this server: count from here.
  const answeredCells = provider.main.getByRole("region", { name: "Today's calls" }).getByRole("cell", { name: "Answered" });
  const answeredBefore = await answeredCells.count();

  // The first customer's session makes the provider busy.
  // Enough money for minutes of 8-second blocks: the session must outlast the second order.
  const firstOrder = await orderTextChat(first, 60);
  await first.main.getByRole("button", { name: "Start chat" }).click();
  await answerIncomingCall(provider);
  await expect(first.page).toHaveURL(/\/sessions\//);
  const firstChat = first.main.getByRole("region", { name: "Chat" });
  for (const text of ["Hello!", "My question is this."]) {
    await firstChat.getByLabel("Message").fill(text);
    await firstChat.getByRole("button", { name: "Send" }).click();
    await expect(firstChat.getByRole("list", { name: "Conversation history" }).getByText(text)).toBeVisible();
  }

  // The second customer finds the provider busy: the card says so and offers the queue.
  await orderTextChat(second, 5);
  const card = second.main.getByRole("region", { name: "Text consultation" });
  await expect(card.getByTestId("call-unavailable")).toHaveText("You cannot call now: the provider is busy.");
  await card.getByRole("button", { name: "Join the queue" }).click();
  await expect(card.getByTestId("queue-place")).toHaveText("Your place in the queue: 1");
  await expect(card.getByTestId("queue-eta")).toContainText(/Estimated wait: (less than a minute|about \d+ minutes?)/);
  // The provider's dashboard, in a second tab beside the session, lists who waits.
  const panel = await provider.context.newPage();
  await panel.goto("/dashboard");
  await expect(panel.getByRole("main").getByRole("region", { name: "Queue" }).getByRole("row")).toHaveCount(2);
  await panel.close();

  // The first block is charged once the void window has passed; then the first customer ends.
  await expect
    .poll(async () => {
      const sessions = await first.context.request.get(`/api/v1/orders/${firstOrder}/sessions`);
      const body = (await sessions.json()) as { sessions: { blocksCharged: number }[] };
      return body.sessions[0]?.blocksCharged ?? 0;
    }, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(1);
  await first.main.getByRole("button", { name: "End session" }).click();
  await expect(first.main.getByTestId("session-ended")).toBeVisible();
  const ended = (await (await first.context.request.get(`/api/v1/orders/${firstOrder}/sessions`)).json()) as { sessions: { blocksCharged: number }[] };
  const blocks = ended.sessions[0]!.blocksCharged;

  // The second customer's turn: "It's your turn", Start chat, the provider answers.
  await expect(card.getByText("It's your turn")).toBeVisible();
  await card.getByRole("button", { name: "Start chat" }).click();
  await answerIncomingCall(provider);
  await expect(second.page).toHaveURL(/\/sessions\//);

  // The dashboard's earnings plot carries the first session's money, in its data and its SVG bars.
  await provider.page.goto("/dashboard");
  const stats = provider.main.getByRole("region", { name: "Statistics" });
  await expect.poll(async () => minorOf(await earningsToday(stats))).toBe(before + blocks * NET_PER_BLOCK_MINOR);
  expect(await earningsToday(stats)).toBe(rubles(before + blocks * NET_PER_BLOCK_MINOR));
  const chart = stats.getByTestId("chart-earnings");
  await expect(chart.getByRole("img", { name: /^Earnings: Net ₽/ })).toBeVisible();
  await expect(chart.locator("svg .recharts-bar-rectangle path, svg .recharts-bar-rectangle").first()).toBeAttached();
  await expect(provider.main.getByRole("region", { name: "Today's calls" }).getByRole("cell", { name: "Answered" })).toHaveCount(answeredBefore + 2);
});
