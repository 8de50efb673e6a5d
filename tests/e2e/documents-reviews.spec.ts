import { expect } from "@playwright/test";
import { demoConsultation, signUp } from "./helpers.ts";
import { test, type Person } from "./people.ts";
import { logInDemoProvider } from "./live-call.ts";

// SPEC 16 shared documents and SPEC 18 reviews of consultations, end to end, with the demo
// provider (one published consultation, text ₽900.00 a block) and a new customer. The
// server runs with 8-second blocks (playwright.config.ts).

const TEXT_PRICE_MINOR = 90_000;

/** A new customer with exactly one block's money orders the demo text consultation. */
async function orderTextConsultation(customer: Person): Promise<string> {
  await signUp(customer.context.request);
  expect((await customer.context.request.post("/api/v1/wallet/top-ups", { data: { amountMinor: TEXT_PRICE_MINOR } })).ok()).toBe(true);
  const tweep = await demoConsultation(customer.context.request);
  const placed = await customer.context.request.post("/api/v1/orders", { data: { tweepId: tweep.id, medium: "text" } });
  expect(placed.ok(), await placed.text()).toBe(true);
  return ((await placed.json()) as { order: { id: string } }).order.id;
}

/** A text session whose clock starts and runs its one prepaid block until the balance cuts it off. */
async function holdOneBlockSession(customer: Person, provider: Person, orderId: string) {
  await customer.page.goto(`/orders/${orderId}`);
  await customer.main.getByRole("button", { name: "Start chat" }).click();
  await provider.page.getByRole("region", { name: "Incoming calls" }).getByRole("button", { name: "Answer" }).click();
  await expect(customer.page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  const customerChat = customer.main.getByRole("region", { name: "Chat" });
  const providerChat = provider.main.getByRole("region", { name: "Chat" });
  await customerChat.getByLabel("Message").fill("Hello!");
  await customerChat.getByRole("button", { name: "Send" }).click();
  await expect(providerChat.getByText("Hello!")).toBeVisible();
  await providerChat.getByLabel("Message").fill("Hi, go ahead.");
  await providerChat.getByRole("button", { name: "Send" }).click();
  await expect(customerChat.getByText("Hi, go ahead.")).toBeVisible();
  // The clock starts with the customer's second message.
  await customerChat.getByLabel("Message").fill("How do I start?");
  await customerChat.getByRole("button", { name: "Send" }).click();
  for (const person of [customer, provider]) {
    const ended = person.main.getByTestId("session-ended");
    await expect(ended).toContainText("The session was cut off", { timeout: 40_000 });
    await expect(ended.getByTestId("summary-blocks")).toHaveText("1");
  }
}

async function writeReview(person: Person, stars: number, text: string) {
  await person.main.getByTestId("session-ended").getByRole("link", { name: "Leave a review" }).click();
  await expect(person.page).toHaveURL(/\/sessions\/[0-9a-f-]{36}\/review$/);
  await person.main.getByRole("radio", { name: `${stars} stars` }).check();
  await person.main.getByRole("textbox", { name: "Your review" }).fill(text);
  await person.main.getByRole("button", { name: "Leave a review" }).click();
}

test("after a paid session both parties review each other blind, then see both; they share documents from the order card", async ({ openPerson }) => {
  test.setTimeout(120_000);
  const provider = await openPerson();
  const customer = await openPerson();
  await logInDemoProvider(provider);
  const orderId = await orderTextConsultation(customer);
  await holdOneBlockSession(customer, provider, orderId);

  // The customer writes first: sent, hidden from the provider until they write theirs.
  await writeReview(customer, 5, "Clear answers, thank you.");
  await expect(customer.main.getByText(/^Sent\. The provider will see it once they write theirs/)).toBeVisible();
  await expect(customer.main.getByText("The provider has not written a review.")).toBeVisible();

  await writeReview(provider, 4, "Well-prepared questions.");
  await expect(provider.main.getByText("Clear answers, thank you.")).toBeVisible();
  await customer.page.reload();
  await expect(customer.main.getByText("Well-prepared questions.")).toBeVisible();
  await expect(customer.main.getByText("The provider can see your review.")).toBeVisible();

  // The order card links the session's reviews and the shared documents folder.
  await customer.page.goto(`/orders/${orderId}`);
  await expect(customer.main.getByRole("link", { name: "Leave a review" })).toBeVisible();
  await customer.main.getByRole("link", { name: "Documents" }).click();
  await expect(customer.page).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
  await customer.main.getByLabel("Document to upload").setInputFiles({ name: "brief.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 the brief\n") });
  await customer.main.getByRole("button", { name: "Upload", exact: true }).click();
  const brief = customer.main.getByRole("listitem", { name: "brief.pdf" });
  await expect(brief).toContainText("Uploaded by you");

  // Outside the files rules: refused, said so, nothing listed.
  await customer.main.getByLabel("Document to upload").setInputFiles({ name: "run.sh", mimeType: "application/x-sh", buffer: Buffer.from("#!/bin/sh\n") });
  await customer.main.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(customer.main.getByRole("alert")).toBeVisible();
  await expect(customer.main.getByRole("listitem", { name: "run.sh" })).toHaveCount(0);

  // The provider reaches the same folder from their order card and downloads the customer's file.
  await provider.page.goto(`/orders/${orderId}`);
  await provider.main.getByRole("link", { name: "Documents" }).click();
  const theirs = provider.main.getByRole("listitem", { name: "brief.pdf" });
  await expect(theirs).toContainText("Uploaded by");
  await expect(theirs).not.toContainText("Uploaded by you");
  const [download] = await Promise.all([provider.page.waitForEvent("download"), theirs.getByRole("button", { name: "Download brief.pdf" }).click()]);
  expect(download.suggestedFilename()).toBe("brief.pdf");
});
