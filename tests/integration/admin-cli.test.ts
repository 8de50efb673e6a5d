import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.ts";
import { users } from "../../db/schema.ts";
import { randomPhone } from "../fixtures/test-server.ts";

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tweeps-admin-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

// The command as an operator runs it, on the embedded database under DATA_DIR.
function admin(...args: string[]) {
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "silent" } as NodeJS.ProcessEnv;
  delete env.DATABASE_URL;
  return run(process.execPath, ["server/admin-cli.ts", ...args], { env }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

async function readUser(phone: string) {
  const handle = await openDatabase({ dataDir });
  try {
    return (await handle.db.select().from(users).where(eq(users.phone, phone)))[0];
  } finally {
    await handle.close();
  }
}

describe("npm run admin", () => {
  it("grants and revokes staff roles by phone, and refuses unknown phones", async () => {
    const phone = randomPhone();
    const handle = await openDatabase({ dataDir });
    await handle.db.insert(users).values({ phone });
    await handle.close();

    const granted = await admin("grant-moderator", phone);
    expect(granted.code).toBe(0);
    expect(granted.stdout).toContain("customer, moderator");
    expect(await readUser(phone)).toMatchObject({ isModerator: true, isAdmin: false });
    await admin("grant-admin", phone);
    await admin("revoke-moderator", phone);
    expect(await readUser(phone)).toMatchObject({ isModerator: false, isAdmin: true });

    const unknown = await admin("grant-admin", randomPhone());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No user is registered/);
    const usage = await admin("make-me-rich", phone);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Usage/);
    // Six command runs, each a Node start that opens PGlite: slow on a loaded machine.
  }, 300_000);

  it("will not open the embedded database while a server holds it", async () => {
    fs.writeFileSync(path.join(dataDir, "server.pid"), String(process.pid));
    try {
      const refused = await admin("grant-moderator", randomPhone());
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/Stop it/);
    } finally {
      fs.rmSync(path.join(dataDir, "server.pid"));
    }
  });
});
