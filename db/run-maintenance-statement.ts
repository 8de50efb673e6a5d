import pg from "pg";

/** Runs one statement that cannot run inside a transaction, such as CREATE DATABASE. */
export async function runMaintenanceStatement(serverUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}
