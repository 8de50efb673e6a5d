import type { Database, Transaction } from "./client.ts";

// PostgreSQL may abort a transaction that lost a lock race (deadlock, serialization);
// retrying the whole unit of work is the documented remedy. Idempotency keys make the
// retry safe for money.
const RETRYABLE = new Set(["40P01", "40001"]);
const MAX_ATTEMPTS = 4;

export async function withTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has(sqlStateOf(error))) throw error;
    }
  }
}

export function sqlStateOf(error: unknown): string {
  let current: unknown = error;
  // Drizzle wraps driver errors; the SQLSTATE sits on the cause.
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return "";
}
