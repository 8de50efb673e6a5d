// SPEC 19: a customer's page reloaded mid-call comes back to the same session and video. Times
// each reload from the moment it starts to the first frame of the provider's video the new page
// presents (requestVideoFrameCallback), in Chromium with fake devices, through the production
// build, our Socket.IO server and our SFU on loopback. Prints progress, then one JSON line.
//   npm run build && npm run bench:reload        (BENCH_TRIALS=10)
import { nextRemoteFrame, quantile, startBrowserScene } from "./browser-scene.ts";

const trials = Number(process.env.BENCH_TRIALS ?? 10);
const TRIAL_TIMEOUT_MS = 30_000;

const scene = await startBrowserScene("reload");
const base = scene.base;
try {
  const provider = await scene.openPerson("+79990000002");
  const customer = await scene.openPerson("+79990000001");
  await provider.goto(`${base}/sales`);
  await provider.getByRole("banner").getByLabel("Status").selectOption("available");
  await customer.request.post(`${base}/api/v1/wallet/top-ups`, { data: { amountMinor: 200_000 } });
  const tweeps = await (await customer.request.get(`${base}/api/v1/tweeps?type=consultation`)).json();
  const placed = await customer.request.post(`${base}/api/v1/orders`, { data: { tweepId: tweeps.items[0].id, medium: "video" } });
  const orderId = (await placed.json()).order.id as string;

  await customer.goto(`${base}/orders/${orderId}`);
  await customer.getByRole("button", { name: "Start chat" }).click({ timeout: TRIAL_TIMEOUT_MS });
  await provider.getByRole("region", { name: "Incoming calls" }).getByRole("button", { name: "Answer" }).click({ timeout: TRIAL_TIMEOUT_MS });
  await provider.getByRole("button", { name: "Start session" }).click({ timeout: TRIAL_TIMEOUT_MS });
  await customer.waitForURL(/\/sessions\//, { timeout: TRIAL_TIMEOUT_MS });
  await nextRemoteFrame(customer, TRIAL_TIMEOUT_MS);
  const sessionUrl = customer.url();
  console.error(`call up on ${sessionUrl}; ${trials} reloads`);

  const results: number[] = [];
  for (let trial = 1; trial <= trials; trial += 1) {
    const reloadAt = await customer.evaluate(() => Date.now());
    await customer.reload({ waitUntil: "commit", timeout: TRIAL_TIMEOUT_MS });
    const frameAt = await nextRemoteFrame(customer, TRIAL_TIMEOUT_MS);
    if (customer.url() !== sessionUrl) throw new Error(`trial ${trial}: the reload left the session (${customer.url()})`);
    results.push(frameAt - reloadAt);
    console.error(`trial ${trial}: ${frameAt - reloadAt} ms`);
  }
  // Still the same live session, nothing ended by the reloads.
  const stillLive = await customer.getByRole("button", { name: "End session" }).isVisible();
  console.log(
    JSON.stringify({
      benchmark: "reload",
      trials: results.length,
      p50Ms: quantile(results, 0.5),
      p95Ms: quantile(results, 0.95),
      minMs: Math.min(...results),
      maxMs: Math.max(...results),
      sessionStillLive: stillLive,
    }),
  );
} finally {
  await scene.close();
}
