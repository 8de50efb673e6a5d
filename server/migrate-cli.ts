import { loadConfig } from "./env.ts";
import { openDatabase } from "../db/client.ts";

// `npm run db:migrate`: applies pending migrations (the server also does so at start-up).
const config = loadConfig();
const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await handle.close();
console.log(`migrations applied (${handle.dialect})`);
