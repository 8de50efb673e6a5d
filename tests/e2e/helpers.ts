import { expect } from "@playwright/test";
import type { APIRequestContext, BrowserContext } from "@playwright/test";

// Shared by the end-to-end specs: accounts are made through the API (the sign-up page has
// its own test in foundation.spec.ts), everything else goes through the pages.

export const DEMO_PASSWORD = "tweeps-demo";
export const DEMO_MODERATOR_PHONE = "+79990000003";

export function randomPhone(): string {
  const digits = Array.from({ length: 7 }, () => Math.floor(Math.random() * 10)).join("");
  return `+7999${digits}`;
}

/** The English interface from the first page on, before any account says otherwise. */
export async function setEnglishLocaleCookie(context: BrowserContext, baseURL: string | undefined): Promise<void> {
  await context.addCookies([{ name: "tweeps_locale", value: "en", url: baseURL ?? "http://127.0.0.1:3210" }]);
}

/** Saves English as the account's language; the server sets the locale cookie to match. */
export async function setAccountLanguageToEnglish(request: APIRequestContext): Promise<void> {
  const patched = await request.patch("/api/v1/me", { data: { language: "en" } });
  expect(patched.ok(), await patched.text()).toBe(true);
}

/**
 * Signs up through the API with the code from the development outbox. The request context
 * of a browser context shares its cookies, so the browser is logged in afterwards.
 */
export async function signUp(request: APIRequestContext): Promise<string> {
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
  // The account's language decides the interface (and the locale cookie); the checks read English.
  await setAccountLanguageToEnglish(request);
  return phone;
}

/**
 * Money as the English pages write it (app/lib/format-money.ts), worked out here on its
 * own so the test does not trust the code it checks: 123450 → "₽1,234.50", and with
 * `signed` "+₽1,234.50" / "-₽1,234.50" as in the movements table. The server runs in RUB.
 */
export function rubles(amountMinor: number, { signed = false } = {}): string {
  const sign = amountMinor < 0 ? "-" : signed && amountMinor > 0 ? "+" : "";
  const absolute = Math.abs(amountMinor);
  const whole = Math.floor(absolute / 100)
    .toString()
    .replace(/\B(?=(\d{3})+$)/g, ",");
  const cents = (absolute % 100).toString().padStart(2, "0");
  return `${sign}₽${whole}.${cents}`;
}

/** The demo provider's text and video consultation (server/seed-demo.ts). */
export const DEMO_CONSULTATION_TITLE = "Contract law consultation";

/**
 * The id of the demo provider's consultation, found by its title: other specs publish
 * consultations of their own, which the catalog may list first. When the demo provider has
 * published terms (SPEC 16; another spec may have), the signed-in customer consents to them,
 * so an order placed next is not refused for want of consent.
 */
export async function demoConsultation(request: APIRequestContext): Promise<{ id: string; providerId: string }> {
  const catalog = await request.get("/api/v1/tweeps?type=consultation&pageSize=50");
  expect(catalog.ok(), await catalog.text()).toBe(true);
  const { items } = (await catalog.json()) as { items: { id: string; providerId: string; title: { en?: string } }[] };
  const tweep = items.find((item) => item.title.en === DEMO_CONSULTATION_TITLE);
  expect(tweep, "the demo provider's consultation").toBeDefined();
  const read = await request.get(`/api/v1/providers/${tweep!.providerId}/terms`);
  expect(read.ok(), await read.text()).toBe(true);
  const { terms } = (await read.json()) as { terms: { version: number | null; consentRequired: boolean } };
  if (terms.consentRequired && terms.version !== null) {
    const consent = await request.post(`/api/v1/providers/${tweep!.providerId}/terms/consent`, { data: { version: terms.version } });
    expect(consent.ok(), await consent.text()).toBe(true);
  }
  return { id: tweep!.id, providerId: tweep!.providerId };
}
