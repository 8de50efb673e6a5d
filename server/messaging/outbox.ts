import { desc } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { outboxMessages } from "../../db/schema.ts";

// With development adapters, SMS and e-mail land in this table, readable at /dev/outbox.

export async function writeToOutbox(
  db: Executor,
  message: { channel: "sms" | "email"; recipient: string; subject?: string | null; body: string },
) {
  await db.insert(outboxMessages).values({ ...message, subject: message.subject ?? null });
}

export async function listOutbox(db: Executor, limit = 100) {
  return db.select().from(outboxMessages).orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id)).limit(limit);
}
