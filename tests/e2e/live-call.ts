import { expect } from "@playwright/test";
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, setAccountLanguageToEnglish } from "./helpers.ts";
import type { Person } from "./people.ts";

// What the live-call specs share: the demo provider made Available on a page they clicked,
// and the video frames a page really decoded.

export const DEMO_PROVIDER_PHONE = "+79990000002";

/** Records every RTCPeerConnection the page makes, so the test can read real decoder stats. */
export async function recordPeerConnections(person: Person) {
  await person.context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const peers: RTCPeerConnection[] = [];
    (window as unknown as { __peers: RTCPeerConnection[] }).__peers = peers;
    window.RTCPeerConnection = class extends Native {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        peers.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}

/** Video frames the page has decoded from its peer connections (RTCPeerConnection.getStats). */
export function framesDecoded(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let frames = 0;
    for (const peer of (window as unknown as { __peers?: RTCPeerConnection[] }).__peers ?? []) {
      const stats = await peer.getStats();
      stats.forEach((report: { type: string; kind?: string; framesDecoded?: number }) => {
        if (report.type === "inbound-rtp" && report.kind === "video") frames += report.framesDecoded ?? 0;
      });
    }
    return frames;
  });
}

export async function logInDemoProvider(provider: Person) {
  const answer = await provider.context.request.post("/api/v1/auth/login", { data: { phone: DEMO_PROVIDER_PHONE, password: DEMO_PASSWORD } });
  expect(answer.ok(), await answer.text()).toBe(true);
  await setAccountLanguageToEnglish(provider.context.request);
  await provider.page.goto("/sales");
  await expect(provider.main.getByRole("heading", { name: "My sales", level: 1 })).toBeVisible();
  // A real click first: browsers play sound only on a page the person has interacted with.
  await provider.main.getByRole("heading", { name: "My sales", level: 1 }).click();
  await provider.banner.getByLabel("Status").selectOption("available");
  await expect(provider.banner.getByLabel("Status")).toHaveValue("available");
}
