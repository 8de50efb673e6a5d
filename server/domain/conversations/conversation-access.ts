import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { appointments, conversations, orders, providerInvitations, users } from "../../../db/schema.ts";
import { AppError } from "../../errors.ts";

/** The pair in the order the conversations table keeps it. */
export function pairOf(a: string, b: string) {
  return a < b ? { userLowId: a, userHighId: b } : { userLowId: b, userHighId: a };
}

/**
 * SPEC 20: two people may write to each other when they share an order or an appointment
 * (either way round, in any status: a booking asked for is reason enough to write) or one
 * invited the other. Anyone else, and anyone who does not exist, is "not found",
 * so a stranger cannot even learn whether an account exists.
 */
export async function loadCounterpart(db: Executor, me: string, otherId: string) {
  const notFound = new AppError("not_found", "There is no such conversation.");
  if (me === otherId) throw notFound;
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      related: sql<boolean>`(
        exists (select 1 from ${orders} where (${orders.customerId} = ${me} and ${orders.providerId} = ${otherId})
                                         or (${orders.customerId} = ${otherId} and ${orders.providerId} = ${me}))
        or exists (select 1 from ${appointments} where (${appointments.customerId} = ${me} and ${appointments.providerId} = ${otherId})
                                         or (${appointments.customerId} = ${otherId} and ${appointments.providerId} = ${me}))
        or exists (select 1 from ${providerInvitations} where (${providerInvitations.providerId} = ${me} and ${providerInvitations.customerId} = ${otherId})
                                         or (${providerInvitations.providerId} = ${otherId} and ${providerInvitations.customerId} = ${me}))
      )`,
    })
    .from(users)
    .where(and(eq(users.id, otherId), isNull(users.deletedAt)));
  if (!row || !row.related) throw notFound;
  return { id: row.id, name: row.name };
}

/** The pair's one conversation, made on the first message. */
export async function ensureConversation(tx: Executor, a: string, b: string) {
  const pair = pairOf(a, b);
  await tx.insert(conversations).values(pair).onConflictDoNothing({ target: [conversations.userLowId, conversations.userHighId] });
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.userLowId, pair.userLowId), eq(conversations.userHighId, pair.userHighId)));
  if (!row) throw new Error("conversation upsert returned nothing");
  return row;
}

export async function findConversation(db: Executor, a: string, b: string) {
  const pair = pairOf(a, b);
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.userLowId, pair.userLowId), eq(conversations.userHighId, pair.userHighId)));
  return row ?? null;
}

export const eitherSide = (userId: string) => or(eq(conversations.userLowId, userId), eq(conversations.userHighId, userId));
