// Adds up the JSON reports of every test tier and prints one closing line per tier and
// one in all, in the plain "N passed, N failed" form.
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2] ?? ".ci-results";
type Counts = { passed: number; failed: number; skipped: number };
const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
  const report = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  const tier: Counts = { passed: 0, failed: 0, skipped: 0 };
  if ("numPassedTests" in report) {
    // Vitest
    tier.passed = report.numPassedTests;
    tier.failed = report.numFailedTests;
    tier.skipped = report.numPendingTests + (report.numTodoTests ?? 0);
  } else if (report.stats) {
    // Playwright
    tier.passed = report.stats.expected + (report.stats.flaky ?? 0);
    tier.failed = report.stats.unexpected;
    tier.skipped = report.stats.skipped;
  }
  for (const key of ["passed", "failed", "skipped"] as const) totals[key] += tier[key];
  console.log(`${file.replace(/\.json$/, "")}: ${tier.passed} passed, ${tier.failed} failed, ${tier.skipped} skipped`);
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 ? 1 : 0;
