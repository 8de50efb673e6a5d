import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "./schema.ts";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the database or an open transaction: domain functions accept both. */
export type Executor = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  dialect: "pglite" | "postgres";
  close(): Promise<void>;
};

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));
// Any constant shared by every process that migrates the same database.
const MIGRATION_LOCK_ID = 727_001;

/**
 * Opens PostgreSQL when a URL is given, otherwise the embedded PGlite under `dataDir`
 * (or in memory when `dataDir` is "memory://", which the tests use), and applies the
 * migrations: the same SQL runs on both.
 */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    await migrateWithLock(options.databaseUrl);
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client's error (a restarted server) must not crash the process.
    pool.on("error", () => {});
    return {
      db: drizzlePostgres(pool, { schema }) as unknown as Database,
      dialect: "postgres",
      close: () => pool.end(),
    };
  }
  let dataDir = options.dataDir;
  if (dataDir !== "memory://") {
    dataDir = path.join(options.dataDir, "pglite");
    fs.mkdirSync(dataDir, { recursive: true });
  }
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return {
    db: db as unknown as Database,
    dialect: "pglite",
    close: () => client.close(),
  };
}

// Several processes may start at once against one PostgreSQL: one migrates, the others wait.
async function migrateWithLock(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    await migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder });
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => {});
    await client.end();
  }
}
