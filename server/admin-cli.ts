import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../db/client.ts";
import { setStaffRole, type StaffRole } from "./domain/accounts/set-staff-role.ts";
import { loadConfig } from "./env.ts";
import { AppError } from "./errors.ts";

// `npm run admin -- <command> <phone>`: staff roles, granted from the operator's shell.
const USAGE = `Usage: npm run admin -- <command> <phone>
Commands:
  grant-moderator <phone>   let the user moderate tweeps and disputes
  revoke-moderator <phone>
  grant-admin <phone>       let the user verify the ledger and mark payouts paid
  revoke-admin <phone>`;

const commands: Record<string, { role: StaffRole; granted: boolean }> = {
  "grant-moderator": { role: "moderator", granted: true },
  "revoke-moderator": { role: "moderator", granted: false },
  "grant-admin": { role: "administrator", granted: true },
  "revoke-admin": { role: "administrator", granted: false },
};

const [commandName, phone] = process.argv.slice(2);
const command = commandName ? commands[commandName] : undefined;
if (!command || !phone) {
  console.error(USAGE);
  process.exit(2);
}

const config = loadConfig();
if (!config.databaseUrl) {
  // PGlite serves one process at a time; a second one would corrupt its files.
  const pidFile = path.join(config.dataDir, "server.pid");
  const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, "utf8")) : 0;
  if (pid && isAlive(pid)) {
    console.error(`The server (pid ${pid}) has the embedded database open. Stop it, then run this again.`);
    process.exit(1);
  }
}

const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const user = await setStaffRole(handle.db, { phone, ...command });
  console.log(`${user.phone} (${user.name || "no name"}): roles ${user.roles.join(", ")}`);
} catch (error) {
  console.error(error instanceof AppError ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
