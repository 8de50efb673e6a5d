import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

// docker-compose.yml is what someone runs first on a server, so its defaults must be the
// safe ones: no development adapters (payments that credit for free, SMS codes in an outbox
// anyone can read), no demo accounts with a published password, and no signing key that
// everyone who has read this repository knows. The file is read as text (Docker is not
// needed); `${NAME:-value}` is compose's default, `${NAME:?message}` refuses to start.
const root = path.resolve(import.meta.dirname, "../..");

async function appEnvironment() {
  const text = await readFile(path.join(root, "docker-compose.yml"), "utf8");
  const values = new Map<string, string>();
  for (const match of text.matchAll(/^ {4}([A-Z][A-Z0-9_]*): (.+)$/gm)) values.set(match[1]!, match[2]!.trim());
  return values;
}

describe("docker-compose.yml", () => {
  it("ships with the development adapters, the outbox and the demo data off", async () => {
    const environment = await appEnvironment();
    expect(environment.get("DEVELOPMENT_ADAPTERS")).toBe("${DEVELOPMENT_ADAPTERS:-false}");
    expect(environment.get("DEV_OUTBOX")).toBe("${DEV_OUTBOX:-false}");
    expect(environment.get("SEED_DEMO")).toBe("${SEED_DEMO:-false}");
    expect(environment.has("NODE_ENV")).toBe(false); // the image sets production
  });

  it("has no default SECRET_KEY: compose refuses to start without one", async () => {
    const secret = (await appEnvironment()).get("SECRET_KEY") ?? "";
    expect(secret).toMatch(/^\$\{SECRET_KEY:\?.+\}$/);
  });
});
