import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Executor } from "./client.ts";

const dialect = new PgDialect();

/**
 * Runs one SQL statement as a named prepared statement: PostgreSQL parses it once per
 * connection and, after a few runs, plans it once too. Worth it only for statements on hot
 * paths (every block charge), where parsing and planning cost more than executing. A name
 * stands for exactly one text: the driver refuses the same name with another text, so any
 * part that varies must be a parameter. PGlite ignores the name and runs it as usual.
 */
export async function runPreparedStatement<Row>(db: Executor, name: string, query: SQL): Promise<Row[]> {
  const prepared = db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false);
  // Both drivers answer with `{ rows }`; the shared type cannot say so.
  const result = (await prepared.execute()) as { rows: Row[] };
  return result.rows;
}
