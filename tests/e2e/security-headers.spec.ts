import { expect, test } from "@playwright/test";

// The pages' security headers as the production server sends them, and proof that the
// Content-Security-Policy does not break them: the page hydrates (its scripts carry the
// request's nonce) and nothing is reported as blocked.

test("a page carries CSP with a fresh nonce on its scripts, no framing, nosniff and a referrer policy", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/");
  expect(response).not.toBeNull();
  const headers = response!.headers();
  const policy = headers["content-security-policy"] ?? "";
  const nonce = policy.match(/'nonce-([^']+)'/)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain("unsafe-eval");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // Plain HTTP on loopback: no HSTS.
  expect(headers["strict-transport-security"]).toBeUndefined();

  // Every script of the page carries this response's nonce (browsers hide the attribute's
  // value from the DOM's getAttribute, so read the property).
  const scriptNonces = await page.locator("script").evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));

  // The page is interactive: client code ran (a link navigates without a full reload).
  await expect(page.getByRole("link", { name: /log in|войти/i }).first()).toBeVisible();
  const again = await page.request.get("/");
  expect(again.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  expect(violations).toEqual([]);
});
